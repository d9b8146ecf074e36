/** A set of defaults for a kind of environment; any prop given explicitly wins over its profile. */
export enum WebServiceProfile {
  /**
   * The spec's highly available values: a NAT gateway per Availability Zone, on-demand Fargate,
   * load balancer deletion protection, AWS WAF, container logs kept 30 days.
   */
  PRODUCTION = 'production',
  /**
   * Cheaper values for development: one NAT gateway, Fargate Spot-weighted capacity, container logs
   * kept 7 days, no deletion protection, no AWS WAF (unless `webAclArn` or `firewall` is given).
   */
  DEVELOPMENT = 'development',
}
