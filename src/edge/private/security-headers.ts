import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { isKnown, knownSeconds, PropsValidator, quoted } from '../../private/validation';
import { ResponseHeader, SecurityHeadersOptions } from '../security-headers';

/** The default `Strict-Transport-Security` value: one year, subdomains included. */
const ONE_YEAR_HSTS = 'max-age=31536000; includeSubDomains';

const HSTS = /^max-age=\d{1,10}(; ?includeSubDomains)?(; ?preload)?$/;
const FRAME_OPTIONS = /^(DENY|SAMEORIGIN|ALLOW-FROM https?:\/\/\S+)$/;
const ORIGIN = /^(\*|https?:\/\/[^/\s]+)$/;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** Records the problems of the security headers, each prop named after `prefix`. */
export function checkSecurityHeaders(
  v: PropsValidator,
  headers: SecurityHeadersOptions | undefined,
  prefix: string,
): void {
  if (!headers) return;
  const p = (name: string) => `${prefix}${name}`;
  const hsts = headers.strictTransportSecurity?.value;
  if (isKnown(hsts) && !HSTS.test(hsts)) {
    v.fail(
      `${p('strictTransportSecurity')} ${quoted(hsts)} is not allowed; allowed: 'max-age=<seconds>', optionally with '; includeSubDomains' and '; preload'`,
    );
  }
  const frame = headers.frameOptions?.value;
  if (isKnown(frame) && !FRAME_OPTIONS.test(frame)) {
    v.fail(
      `${p('frameOptions')} ${quoted(frame)} is not allowed; allowed: 'DENY', 'SAMEORIGIN' or 'ALLOW-FROM <origin>'`,
    );
  }
  const csp = headers.contentSecurityPolicy?.value;
  if (isKnown(csp) && csp.trim() === '') {
    v.fail(
      `${p('contentSecurityPolicy')} is empty; allowed: a policy such as "default-src 'self'", or ResponseHeader.none()`,
    );
  }
  const cors = headers.cors;
  if (!cors) return;
  if (isKnown(cors.allowOrigin) && !ORIGIN.test(cors.allowOrigin)) {
    v.fail(
      `${p('cors.allowOrigin')} ${quoted(cors.allowOrigin)} is not allowed; allowed: '*' or one origin such as 'https://app.example.com'`,
    );
  }
  if (cors.allowCredentials && cors.allowOrigin === '*') {
    v.fail(
      `${p('cors.allowCredentials')} true with ${p('cors.allowOrigin')} '*': browsers refuse credentials for any origin; allowed: one origin, or allowCredentials false`,
    );
  }
  const methods = (cors.allowMethods ?? []).filter((m) => isKnown(m) && !METHODS.includes(m));
  if (methods.length > 0) {
    v.fail(`${p('cors.allowMethods')} has ${methods.map(quoted).join(', ')}; allowed: ${METHODS.join(', ')}`);
  }
  for (const prop of ['allowHeaders', 'exposeHeaders'] as const) {
    const bad = (cors[prop] ?? []).filter((h) => isKnown(h) && !HEADER_NAME.test(h));
    if (bad.length > 0) {
      v.fail(`${p(`cors.${prop}`)} has ${bad.map(quoted).join(', ')}; allowed: header names such as 'Content-Type'`);
    }
  }
  const maxAge = knownSeconds(cors.maxAge);
  if (maxAge !== undefined && (!Number.isInteger(maxAge) || maxAge < 0 || maxAge > 86400)) {
    v.fail(
      `${p('cors.maxAge')} ${cors.maxAge!.toHumanString()} is not allowed; allowed: whole seconds from 0 to 1 day`,
    );
  }
}

/** Sets the listener attributes that add the security headers and drop the `Server` header. */
export function applySecurityHeaders(listener: elbv2.ApplicationListener, headers: SecurityHeadersOptions = {}): void {
  const attribute = (name: string, value: string | undefined) => {
    if (value !== undefined) listener.setAttribute(`routing.http.response.${name}.header_value`, value);
  };
  attribute('strict_transport_security', (headers.strictTransportSecurity ?? ResponseHeader.of(ONE_YEAR_HSTS)).value);
  attribute('x_content_type_options', (headers.contentTypeOptions ?? true) ? 'nosniff' : undefined);
  listener.setAttribute('routing.http.response.server.enabled', String(headers.serverHeader ?? false));
  attribute('x_frame_options', headers.frameOptions?.value);
  attribute('content_security_policy', headers.contentSecurityPolicy?.value);
  const cors = headers.cors;
  if (cors) {
    attribute('access_control_allow_origin', cors.allowOrigin);
    attribute('access_control_allow_methods', cors.allowMethods?.join(','));
    attribute('access_control_allow_headers', cors.allowHeaders?.join(','));
    attribute('access_control_allow_credentials', cors.allowCredentials ? 'true' : undefined);
    attribute('access_control_expose_headers', cors.exposeHeaders?.join(','));
    attribute('access_control_max_age', cors.maxAge?.toSeconds().toString());
  }
}
