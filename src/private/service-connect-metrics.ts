import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * A Service Connect metric of the server `discoveryName`, as its clients see it: ECS publishes the responses and
 * latency of a server under `TargetDiscoveryName` alone (summed over its clients). `TargetResponseTime` is in
 * milliseconds.
 */
export function serviceConnectMetric(
  discoveryName: string,
  metricName: 'HTTPCode_Target_4XX_Count' | 'HTTPCode_Target_5XX_Count' | 'TargetResponseTime' | 'RequestCount',
  statistic: string,
  period: Duration,
  label?: string,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/ECS',
    metricName,
    dimensionsMap: { TargetDiscoveryName: discoveryName },
    statistic,
    period,
    label,
  });
}

/** A Service Connect latency metric in seconds, as the load balancer's (`TargetResponseTime` is in milliseconds). */
export function serviceConnectSeconds(discoveryName: string, statistic: string, period: Duration, label: string) {
  // One id per statistic: a graph of several statistics holds them side by side.
  const id = `ms_${statistic.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
  return new cloudwatch.MathExpression({
    expression: `${id} / 1000`,
    usingMetrics: { [id]: serviceConnectMetric(discoveryName, 'TargetResponseTime', statistic, period) },
    label,
    period,
  });
}
