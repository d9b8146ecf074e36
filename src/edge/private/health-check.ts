/** The target group's health check defaults: the route builds them, and its checks compare against them. */
export const HEALTH_CHECK_DEFAULTS = {
  path: '/health',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthy: 2,
  unhealthy: 3,
};
