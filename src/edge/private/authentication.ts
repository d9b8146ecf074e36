import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as actions from 'aws-cdk-lib/aws-elasticloadbalancingv2-actions';
import { Construct } from 'constructs';
import { isKnown, knownSeconds, PropsValidator, quoted } from '../../private/validation';
import {
  AuthenticationKind,
  JwtAuthenticationOptions,
  JwtClaim,
  JwtClaimFormat,
  ListenerAuthentication,
} from '../listener-authentication';

/**
 * JWT verification with required claims, which aws-cdk-lib's `ListenerAction.authenticateJwt` cannot express; the
 * HTTPS listener it needs and its URLs are checked before (`checkAuthentication`).
 */
class JwtValidationAction extends elbv2.ListenerAction {
  constructor(options: JwtAuthenticationOptions, next: elbv2.ListenerAction) {
    super(
      {
        type: 'jwt-validation',
        jwtValidationConfig: {
          issuer: options.issuer,
          jwksEndpoint: options.jwksEndpoint,
          additionalClaims: (options.requiredClaims ?? []).map((claim) => ({
            name: claim.name,
            values: claim.values,
            format: claim.format ?? JwtClaimFormat.SINGLE_STRING,
          })),
        },
      } as elbv2.CfnListener.ActionProperty,
      next,
    );
  }
}

/** The claims JWT verification always checks, which a required claim may not name. */
const VERIFIED_CLAIMS = ['exp', 'iss', 'nbf', 'iat'];

/** Records the problems of the required claims of JWT verification. */
function checkRequiredClaims(v: PropsValidator, claims: JwtClaim[] | undefined, prop: string): void {
  if (!claims) return;
  if (claims.length > 10) v.fail(`${prop} has ${claims.length} claims; allowed: up to 10`);
  for (const claim of claims) {
    if (isKnown(claim.name) && (VERIFIED_CLAIMS.includes(claim.name) || claim.name.trim() === '')) {
      v.fail(
        `${prop} entry ${quoted(claim.name)} is not allowed; allowed: a claim other than ${VERIFIED_CLAIMS.join(', ')} (always verified)`,
      );
    }
    if (Token.isUnresolved(claim.values)) continue;
    if (claim.values.length < 1 || claim.values.length > 10) {
      v.fail(`${prop} entry ${quoted(claim.name)} has ${claim.values.length} values; allowed: 1 to 10`);
    }
    const spaced = claim.format === JwtClaimFormat.SPACE_SEPARATED_VALUES;
    for (const value of claim.values.filter(isKnown)) {
      if (value.length < 1 || value.length > 256 || (spaced && /\s/.test(value))) {
        v.fail(
          `${prop} entry ${quoted(claim.name)} value ${quoted(value)} is not allowed; allowed: 1 to 256 characters${spaced ? ', without spaces (space-separated values)' : ''}`,
        );
      }
    }
  }
}

/** The most values a listener rule's conditions hold together. */
const RULE_CONDITION_VALUES = 5;

/** What the sign-in is checked against: the route it guards. */
export interface GuardedRoute {
  readonly hostHeaders?: string[];
  readonly rulePriority?: number;
  readonly alternateTargetGroup?: boolean;
}

/** Records the problems of the sign-in settings, each prop named after `prefix` (such as `authentication.`). */
export function checkAuthentication(
  v: PropsValidator,
  auth: ListenerAuthentication | undefined,
  route: GuardedRoute,
  prefix: string,
): void {
  if (!auth) return;
  const p = (name: string) => `${prefix}${name}`;
  const urls: Record<string, string | undefined> = {
    issuer: auth.oidcOptions?.issuer ?? auth.jwtOptions?.issuer,
    authorizationEndpoint: auth.oidcOptions?.authorizationEndpoint,
    tokenEndpoint: auth.oidcOptions?.tokenEndpoint,
    userInfoEndpoint: auth.oidcOptions?.userInfoEndpoint,
    jwksEndpoint: auth.jwtOptions?.jwksEndpoint,
  };
  for (const [name, url] of Object.entries(urls)) {
    if (isKnown(url) && (!/^https:\/\/[^/\s]+/.test(url) || url.length > 256)) {
      v.fail(`${p(name)} ${quoted(url)} is not allowed; allowed: an HTTPS URL of up to 256 characters`);
    }
  }
  checkRequiredClaims(v, auth.jwtOptions?.requiredClaims, p('requiredClaims'));
  const timeout = knownSeconds(auth.oidcOptions?.sessionTimeout ?? auth.cognitoOptions?.sessionTimeout);
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > 604800)) {
    v.fail(`${p('sessionTimeout')} ${timeout} s is not allowed; allowed: whole seconds from 1 second to 7 days`);
  }
  const publicPaths = auth.options.publicPaths ?? [];
  for (const path of publicPaths) {
    if (isKnown(path) && (!path.startsWith('/') || path.length > 128)) {
      v.fail(
        `${p('publicPaths')} entry ${quoted(path)} is not allowed; allowed: a path pattern such as '/health' or '/assets/*'`,
      );
    }
  }
  const values = (route.hostHeaders?.length ?? 0) + publicPaths.length;
  if (publicPaths.length > 3) {
    v.fail(
      `${p('publicPaths')} has ${publicPaths.length} values; allowed: up to 3 (a listener rule condition holds 3)`,
    );
  } else if (publicPaths.length > 0 && values > RULE_CONDITION_VALUES) {
    v.fail(
      `${p('publicPaths')} has ${publicPaths.length} paths, which with the route's ${route.hostHeaders?.length ?? 0} host names exceed a rule's ${RULE_CONDITION_VALUES} condition values; allowed: fewer paths (such as '/assets/*')`,
    );
  }
  const priority = route.rulePriority ?? 100;
  if (publicPaths.length > 0 && !Token.isUnresolved(priority) && priority < 2) {
    v.fail(
      `${p('publicPaths')} needs the priority before the route's, and rulePriority is ${priority}; allowed: rulePriority 2 or more`,
    );
  }
  if (route.alternateTargetGroup) {
    v.fail(
      `${p('kind')} ${auth.kind} sign-in on a route whose deployments shift traffic between two target groups; allowed: ServiceDeploymentStrategy.rolling(), or no authentication`,
    );
  }
}

/** Records a problem when the OpenID Connect client secret is in the template in plain text. */
export function checkClientSecret(
  v: PropsValidator,
  scope: Construct,
  auth: ListenerAuthentication | undefined,
  prefix: string,
) {
  const secret = auth?.oidcOptions?.clientSecret;
  if (!secret) return;
  // Read only to see what kind of value it is; it goes nowhere but the authenticate action. (Resolving the
  // SecretValue itself throws under the @aws-cdk/core:checkSecretUsage flag, which `cdk init` apps have.)
  const resolved = JSON.stringify(Stack.of(scope).resolve(secret.unsafeUnwrap()));
  if (!resolved.includes('{{resolve:secretsmanager:')) {
    v.fail(
      `${prefix}clientSecret is not a Secrets Manager reference, so it would be in the template in plain text; allowed: SecretValue.secretsManager(...)`,
    );
  }
}

/** The sign-in action that guards `next`; outbound HTTPS to a prefix list is opened by `allowOutbound`. */
export function authenticationAction(auth: ListenerAuthentication, next: elbv2.ListenerAction): elbv2.ListenerAction {
  const allowHttpsOutbound = auth.options.identityProviderPrefixList === undefined;
  switch (auth.kind) {
    case AuthenticationKind.OIDC: {
      const o = auth.oidcOptions!;
      return elbv2.ListenerAction.authenticateOidc({ ...o, next, allowHttpsOutbound });
    }
    case AuthenticationKind.COGNITO: {
      const o = auth.cognitoOptions!;
      return new actions.AuthenticateCognitoAction({ ...o, next, allowHttpsOutbound });
    }
    default: {
      const o = auth.jwtOptions!;
      if (!o.requiredClaims?.length) {
        return elbv2.ListenerAction.authenticateJwt({ issuer: o.issuer, jwksEndpoint: o.jwksEndpoint, next });
      }
      return new JwtValidationAction(o, next);
    }
  }
}

/**
 * Lets the load balancer reach the identity provider over HTTPS: its prefix list when given; else anywhere, which
 * the OIDC and Cognito actions open themselves and JWT verification (fetching the key set) needs here.
 */
export function allowOutbound(listener: elbv2.IApplicationListener, auth: ListenerAuthentication): void {
  const prefixList = auth.options.identityProviderPrefixList;
  if (prefixList) {
    listener.connections.allowTo(
      ec2.Peer.prefixList(prefixList.prefixListId),
      ec2.Port.tcp(443),
      'HTTPS to the identity provider',
    );
  } else if (auth.kind === AuthenticationKind.JWT) {
    listener.connections.allowToAnyIpv4(ec2.Port.tcp(443), "HTTPS to the token issuer's key set");
  }
}
