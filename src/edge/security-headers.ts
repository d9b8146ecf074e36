import { Duration } from 'aws-cdk-lib';

/** A response header the load balancer adds with a value, or does not add. */
export class ResponseHeader {
  /** The header, with this value. */
  public static of(value: string): ResponseHeader {
    return new ResponseHeader(value);
  }

  /** The header is not added (the application's own, if it sends one, passes unchanged). */
  public static none(): ResponseHeader {
    return new ResponseHeader(undefined);
  }

  private constructor(
    /** The header's value, or undefined when it is not added. */
    public readonly value?: string,
  ) {}
}

/** The CORS response headers the load balancer adds to every response. */
export interface CorsHeaders {
  /** `Access-Control-Allow-Origin`: `*`, or one origin such as `https://app.example.com`. */
  readonly allowOrigin: string;

  /**
   * `Access-Control-Allow-Methods`.
   * @default - not added
   */
  readonly allowMethods?: string[];

  /**
   * `Access-Control-Allow-Headers`.
   * @default - not added
   */
  readonly allowHeaders?: string[];

  /**
   * `Access-Control-Allow-Credentials: true` (not with the origin `*`, which browsers then refuse).
   * @default false
   */
  readonly allowCredentials?: boolean;

  /**
   * `Access-Control-Expose-Headers`.
   * @default - not added
   */
  readonly exposeHeaders?: string[];

  /**
   * `Access-Control-Max-Age`: how long a browser caches the answer to a preflight request.
   * @default - not added
   */
  readonly maxAge?: Duration;
}

/**
 * The security headers the load balancer's listener adds to every response (through its header-modification
 * attributes), and whether it sends its `Server` header. A header the load balancer adds replaces the
 * application's header of the same name.
 */
export interface SecurityHeadersOptions {
  /**
   * `Strict-Transport-Security`: browsers use only HTTPS for the domain (and its subdomains) for the time given,
   * so that no one can downgrade a later visit to plain HTTP.
   * @default ResponseHeader.of('max-age=31536000; includeSubDomains') (one year)
   */
  readonly strictTransportSecurity?: ResponseHeader;

  /**
   * `X-Content-Type-Options: nosniff`: browsers keep to the declared content type instead of guessing it, so that
   * an upload served as text cannot run as a script.
   * @default true
   */
  readonly contentTypeOptions?: boolean;

  /**
   * Whether the load balancer sends its `Server: awselb/2.0` header. Off by default: it tells a scanner what it
   * talks to, and no client needs it.
   * @default false
   */
  readonly serverHeader?: boolean;

  /**
   * `X-Frame-Options`: `DENY`, `SAMEORIGIN` or `ALLOW-FROM <origin>`; keeps other sites from framing the pages
   * (clickjacking).
   * @default ResponseHeader.none()
   */
  readonly frameOptions?: ResponseHeader;

  /**
   * `Content-Security-Policy`: where pages may load scripts, styles and frames from. It depends on the
   * application, so none is added unless given.
   * @default ResponseHeader.none()
   */
  readonly contentSecurityPolicy?: ResponseHeader;

  /**
   * CORS headers, for an API that browsers call from other origins.
   * @default - none
   */
  readonly cors?: CorsHeaders;
}
