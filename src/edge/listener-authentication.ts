import { Duration, SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** What every kind of sign-in at the load balancer takes. */
export interface AuthenticationOptions {
  /**
   * Path patterns that stay public, such as the health check or static assets (`/health`, `/assets/*`): a rule of
   * their own, one priority before the route's, forwards them without sign-in. With the route's host names, at
   * most 5 values in all.
   * @default - every path needs sign-in
   */
  readonly publicPaths?: string[];

  /**
   * The prefix list of the identity provider's addresses, for the load balancer's outbound HTTPS (a security group
   * cannot name a host).
   * @default - outbound HTTPS to any IPv4 address
   */
  readonly identityProviderPrefixList?: ec2.IPrefixList;
}

/** Sign-in at the load balancer with an OpenID Connect identity provider. */
export interface OidcAuthenticationOptions extends AuthenticationOptions {
  /** The provider's issuer, an HTTPS URL. */
  readonly issuer: string;

  /** The provider's authorization endpoint, an HTTPS URL. */
  readonly authorizationEndpoint: string;

  /** The provider's token endpoint, an HTTPS URL. */
  readonly tokenEndpoint: string;

  /** The provider's user info endpoint, an HTTPS URL. */
  readonly userInfoEndpoint: string;

  /** The OAuth 2.0 client id. */
  readonly clientId: string;

  /**
   * The OAuth 2.0 client secret, from Secrets Manager (`SecretValue.secretsManager(...)`): CloudFormation resolves
   * it at deployment, and the template holds only the reference.
   */
  readonly clientSecret: SecretValue;

  /**
   * The claims to ask for.
   * @default 'openid'
   */
  readonly scope?: string;

  /**
   * How long a session lasts before the user signs in again (1 second to 7 days).
   * @default Duration.days(7)
   */
  readonly sessionTimeout?: Duration;
}

/** Sign-in at the load balancer with an Amazon Cognito user pool. */
export interface CognitoAuthenticationOptions extends AuthenticationOptions {
  /** The user pool. */
  readonly userPool: cognito.IUserPool;

  /** The user pool's app client; it needs a client secret, and `https://<domain>/oauth2/idpresponse` as callback URL. */
  readonly userPoolClient: cognito.IUserPoolClient;

  /** The user pool's domain. */
  readonly userPoolDomain: cognito.IUserPoolDomain;

  /**
   * The claims to ask for.
   * @default 'openid'
   */
  readonly scope?: string;

  /**
   * How long a session lasts before the user signs in again (1 second to 7 days).
   * @default Duration.days(7)
   */
  readonly sessionTimeout?: Duration;
}

/**
 * The load balancer verifies a bearer token (JWT) in the `Authorization` header of each request, for machine-to-machine
 * APIs: signed with RS256 by a key of the issuer's JSON Web Key Set, from the issuer, not expired. A request without a
 * valid token gets 401 from the load balancer.
 */
export interface JwtAuthenticationOptions extends AuthenticationOptions {
  /** The issuer the tokens must name (`iss`), an HTTPS URL up to 256 characters. */
  readonly issuer: string;

  /**
   * The issuer's JSON Web Key Set endpoint, a public HTTPS URL up to 256 characters. AWS reads at most 10 keys and
   * 150 KB from it.
   */
  readonly jwksEndpoint: string;

  /**
   * Claims each token must also carry, such as its audience (`aud`) or scopes (`scope`): without them, any unexpired
   * token of the issuer passes, including tokens it issued for other applications. Up to 10.
   * @default - none: only the signature, issuer and expiry are verified
   */
  readonly requiredClaims?: JwtClaim[];
}

/** How a required claim's value is written in the token. */
export enum JwtClaimFormat {
  /** One string, such as `"aud": "orders-api"`. */
  SINGLE_STRING = 'single-string',
  /** An array of strings, such as `"aud": ["orders-api", "billing"]`. */
  STRING_ARRAY = 'string-array',
  /** One string of space-separated values, such as `"scope": "orders:read orders:write"`. */
  SPACE_SEPARATED_VALUES = 'space-separated-values',
}

/** A claim a token must carry (`JwtAuthenticationOptions.requiredClaims`), as the load balancer compares it. */
export interface JwtClaim {
  /** The claim's name, such as `aud` or `scope`; not `exp`, `iss`, `nbf` or `iat`, which are always verified. */
  readonly name: string;

  /** The values it is compared with: 1 to 10, each up to 256 characters (no spaces for space-separated values). */
  readonly values: string[];

  /**
   * How the value is written in the token.
   * @default JwtClaimFormat.SINGLE_STRING
   */
  readonly format?: JwtClaimFormat;
}

/** The kinds of sign-in. */
export enum AuthenticationKind {
  /** OpenID Connect. */
  OIDC = 'oidc',
  /** Amazon Cognito. */
  COGNITO = 'cognito',
  /** JWT verification. */
  JWT = 'jwt',
}

/**
 * Sign-in at the load balancer, before the request reaches the service: with any OpenID Connect provider, with
 * an Amazon Cognito user pool, or by verifying a bearer token (JWT). The load balancer must reach the provider,
 * so it may send HTTPS out (to anywhere, or to the provider's prefix list).
 */
export class ListenerAuthentication {
  /** Users sign in with an OpenID Connect provider; the load balancer keeps the session in a cookie. */
  public static oidc(options: OidcAuthenticationOptions): ListenerAuthentication {
    return new ListenerAuthentication(AuthenticationKind.OIDC, options, options, undefined, undefined);
  }

  /** Users sign in with an Amazon Cognito user pool; the load balancer keeps the session in a cookie. */
  public static cognito(options: CognitoAuthenticationOptions): ListenerAuthentication {
    return new ListenerAuthentication(AuthenticationKind.COGNITO, options, undefined, options, undefined);
  }

  /** The load balancer verifies each request's bearer token (RS256 only, as AWS supports it). */
  public static jwt(options: JwtAuthenticationOptions): ListenerAuthentication {
    return new ListenerAuthentication(AuthenticationKind.JWT, options, undefined, undefined, options);
  }

  private constructor(
    /** The kind of sign-in. */
    public readonly kind: AuthenticationKind,
    /** What every kind takes. */
    public readonly options: AuthenticationOptions,
    /** The OpenID Connect settings, with `oidc`. */
    public readonly oidcOptions?: OidcAuthenticationOptions,
    /** The Cognito settings, with `cognito`. */
    public readonly cognitoOptions?: CognitoAuthenticationOptions,
    /** The JWT settings, with `jwt`. */
    public readonly jwtOptions?: JwtAuthenticationOptions,
  ) {}
}
