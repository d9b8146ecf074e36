import { Annotations, Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { AlertSeverity, AlertTopics } from './alert-topics';
import { ServiceDomain } from '../edge/service-domain';
import { stackScopedName } from '../private/naming';
import { serviceConnectMetric, serviceConnectSeconds } from '../private/service-connect-metrics';
import { isKnown, knownSeconds, PropsValidator, quoted } from '../private/validation';
import { ServiceConnectEndpoint } from '../service/service-connect';

/** How one alarm of `ServiceAlarms` evaluates; each field left out keeps that alarm's default. */
export interface AlarmSettings {
  /**
   * Whether the alarm exists.
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * The threshold, in the metric's unit (percent, errors per period, tasks, seconds).
   * @default - the alarm's default (see the alarm table in docs/observability.md)
   */
  readonly threshold?: number;

  /**
   * The length of one evaluation period (a whole number of minutes).
   * @default - the alarm's default, one minute for most
   */
  readonly period?: Duration;

  /**
   * How many recent periods are evaluated.
   * @default - the alarm's default
   */
  readonly evaluationPeriods?: number;

  /**
   * How many of the evaluated periods must breach to alarm (at most `evaluationPeriods`).
   * @default - the alarm's default
   */
  readonly datapointsToAlarm?: number;
}

/** The alarms' settings, which `SecureFargateWebService` takes as well. */
export interface ServiceAlarmsOptions {
  /**
   * Average CPU utilization of the service above 80% for 5 of 5 minutes (warning).
   * @default - on, as described
   */
  readonly highCpu?: AlarmSettings;

  /**
   * Average memory utilization of the service above 90% for 5 of 5 minutes (warning).
   * @default - on, as described
   */
  readonly highMemory?: AlarmSettings;

  /**
   * Load-balancer plus target 5XX responses above 10 a minute in 2 of 3 minutes (critical).
   * @default - on, as described
   */
  readonly serverErrors?: AlarmSettings;

  /**
   * Any unhealthy target in 2 of 2 minutes (critical); with an alternate target group, the unhealthy targets
   * of both groups added up.
   * @default - on, as described
   */
  readonly unhealthyTargets?: AlarmSettings;

  /**
   * Fewer running tasks than the minimum for 3 of 3 minutes, from Container Insights (critical).
   * @default - on, below the minimum task count
   */
  readonly runningTasks?: AlarmSettings;

  /**
   * No healthy target at all for 2 of 2 minutes (critical); with an alternate target group, the healthy
   * targets of both groups added up (between deployments only one of them has targets).
   * @default - on, as described
   */
  readonly noHealthyTargets?: AlarmSettings;

  /**
   * The 99th percentile of the targets' response time above 2 seconds for 3 of 3 5-minute periods (warning);
   * with an alternate target group, the larger of the two groups' p99 (percentiles cannot be added).
   * @default - on, as described
   */
  readonly responseTime?: AlarmSettings;

  /**
   * The domain's Route 53 health check failing for 3 of 3 minutes (critical). Its metric exists only in
   * us-east-1, so the alarm is created only in a us-east-1 stack; elsewhere synthesis notes it.
   * @default - on with a domain health check in a us-east-1 stack
   */
  readonly domainHealthCheck?: AlarmSettings;

  /**
   * The share of requests answered with 5XX above 1% in 2 of 3 minutes (critical): the 5XX of the targets of
   * both target groups, plus the load balancer's own 5XX where `loadBalancerErrors` counts them, over the
   * requests of both target groups. Only with an alternate target group, where it guards each traffic shift.
   * 4XX are the clients' errors: `clientErrorRate` counts them.
   * @default - on with an alternate target group
   */
  readonly errorRate?: AlarmSettings;

  /**
   * The share of requests answered with 4XX by the targets (of both target groups, with an alternate one)
   * above `threshold` percent, 10 unless given, in 2 of 3 minutes (critical: it pages, and rolls deployments
   * back as `errorRate` does). Given, it is on; ordinary 401s and 404s make a low threshold roll back
   * deployments that are fine.
   * @default - off
   */
  readonly clientErrorRate?: AlarmSettings;

  /**
   * Whether a deployment rolls back when a critical alarm fires during it (ECS deployment alarms).
   * @default true
   */
  readonly rollbackOnAlarm?: boolean;

  /**
   * The start of every alarm name; each alarm's name is `<prefix>-<Alarm>`, such as `Prod-Web-HighCpu`.
   * @default - `<stack name>-<construct path below the stack, with '-' for '/'>`
   */
  readonly alarmNamePrefix?: string;
}

/** Props for `ServiceAlarms`. */
export interface ServiceAlarmsProps extends ServiceAlarmsOptions {
  /** The service to watch; its deployments roll back on the critical alarms. */
  readonly service: ecs.BaseService;

  /**
   * The service's target group: the 5XX, response time and target health alarms watch it.
   * @default - none: give `serviceConnectEndpoint` for a service that only Service Connect clients call
   */
  readonly targetGroup?: elbv2.IApplicationTargetGroup;

  /**
   * The load balancer in front of the target group, whose own 5XX the alarms count (`loadBalancerErrors`).
   * @default - none: required with `targetGroup` unless `loadBalancerErrors` is false
   */
  readonly loadBalancer?: elbv2.IApplicationLoadBalancer;

  /**
   * Where Service Connect clients call the service: without `targetGroup`, the 5XX and response time alarms watch
   * its Service Connect metrics (what its clients receive) instead, and there is no target health to watch.
   * @default - none
   */
  readonly serviceConnectEndpoint?: ServiceConnectEndpoint;

  /**
   * Where each alarm notifies, by its severity (alarm and OK).
   * @default - no notifications: the alarms still roll deployments back and show on the dashboard
   */
  readonly topics?: AlertTopics;

  /**
   * The service's second target group, when deployments shift traffic between two (canary, linear,
   * blue/green): the target alarms then watch both, and the error-rate alarm is added.
   * @default - one target group
   */
  readonly alternateTargetGroup?: elbv2.IApplicationTargetGroup;

  /**
   * Whether the 5XX and error-rate alarms count the load balancer's own 5XX responses as well as the targets'.
   * Turn it off when the load balancer serves other services too: its own errors are then not this service's.
   * @default true
   */
  readonly loadBalancerErrors?: boolean;

  /**
   * The fewest tasks that should run (auto scaling's minimum).
   * @default 2
   */
  readonly minimumTaskCount?: number;

  /**
   * The service's domain, whose Route 53 health check is watched.
   * @default - no domain health check alarm
   */
  readonly domain?: ServiceDomain;
}

/** One alarm's definition before the user's settings apply. */
interface AlarmDefinition {
  readonly settings?: AlarmSettings;
  readonly severity: AlertSeverity;
  readonly metric: (period: Duration) => cloudwatch.IMetric;
  readonly threshold: number;
  readonly comparison: cloudwatch.ComparisonOperator;
  readonly period: Duration;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly missing: cloudwatch.TreatMissingData;
  readonly description: string;
}

const GREATER = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
const LESS = cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD;
const { BREACHING, NOT_BREACHING } = cloudwatch.TreatMissingData;
/** The error alarms' evaluation: breaching in 2 of 3 one-minute periods, no data counted as fine. */
const TWO_OF_THREE_MINUTES = {
  period: Duration.minutes(1),
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  missing: NOT_BREACHING,
};

/**
 * The alarms an on-call engineer wants on a web service, each with a fixed
 * name, a description that says what to check first, a deliberate treatment of missing data, and
 * notifications to its severity's topic. The critical alarms are the service's ECS deployment
 * alarms, by name (so that no dependency cycle arises): a deployment that sets one off rolls back.
 *
 * @example
 * declare const service: ecs.FargateService;
 * declare const loadBalancer: elbv2.IApplicationLoadBalancer;
 * declare const targetGroup: elbv2.IApplicationTargetGroup;
 *
 * const topics = new sfws.AlertTopics(this, 'Alerts', {
 *   critical: { emails: ['oncall@example.com'] },
 * });
 * new sfws.ServiceAlarms(this, 'Alarms', {
 *   service,
 *   loadBalancer,
 *   targetGroup,
 *   topics,
 *   highCpu: { threshold: 90 },
 *   responseTime: { threshold: 0.5 },
 * });
 */
export class ServiceAlarms extends Construct {
  /**
   * Records the problems of the alarms' settings, the name prefix and the minimum task count.
   * @internal
   */
  public static _checkProps(
    v: PropsValidator,
    props: ServiceAlarmsOptions & { readonly minimumTaskCount?: number },
    prefix = '',
  ): void {
    v.integerInRange(`${prefix}minimumTaskCount`, props.minimumTaskCount, 1, 5000);
    const name = props.alarmNamePrefix;
    if (isKnown(name)) {
      const max = 255 - LONGEST_SUFFIX.length;
      // The name is shown with its control characters escaped, so that each problem stays one line.
      if (name.length === 0 || name.length > max) {
        v.fail(`${prefix}alarmNamePrefix ${quoted(name)} has ${name.length} characters; allowed: 1 to ${max}`);
      }
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f\u007f]/.test(name)) {
        v.fail(`${prefix}alarmNamePrefix ${quoted(name)} contains control characters; allowed: printable characters`);
      }
    }
    for (const [prop, min, max, defaultEvaluations, defaultMinutes] of ALARMS) {
      const settings = props[prop] as AlarmSettings | undefined;
      if (settings === undefined || settings.enabled === false) continue;
      checkAlarmSettings(v, `${prefix}${prop}`, settings, min, max, defaultEvaluations, defaultMinutes);
    }
  }

  /** Every alarm created. */
  public readonly all: cloudwatch.Alarm[] = [];

  /** The critical alarms: they page, and they roll deployments back. */
  public readonly critical: cloudwatch.Alarm[] = [];

  private readonly criticalAlarmNames: string[] = [];

  /** The alarm names the service's deployments watch. */
  public readonly deploymentAlarmNames: string[];

  /** High CPU, when on. */
  public readonly highCpu?: cloudwatch.Alarm;
  /** High memory, when on. */
  public readonly highMemory?: cloudwatch.Alarm;
  /** 5XX responses, when on. */
  public readonly serverErrors?: cloudwatch.Alarm;
  /** Unhealthy targets, when on. */
  public readonly unhealthyTargets?: cloudwatch.Alarm;
  /** Running tasks below the minimum, when on. */
  public readonly runningTasks?: cloudwatch.Alarm;
  /** No healthy target, when on. */
  public readonly noHealthyTargets?: cloudwatch.Alarm;
  /** p99 response time, when on. */
  public readonly responseTime?: cloudwatch.Alarm;
  /** The domain's health check, when on (us-east-1 stacks only). */
  public readonly domainHealthCheck?: cloudwatch.Alarm;
  /** The 5XX share of requests, with an alternate target group. */
  public readonly errorRate?: cloudwatch.Alarm;
  /** The 4XX share of requests, when `clientErrorRate` is given. */
  public readonly clientErrorRate?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const minimumTaskCount = props.minimumTaskCount ?? 2;
    const prefix = props.alarmNamePrefix ?? stackScopedName(this);
    const v = new PropsValidator('ServiceAlarms');
    ServiceAlarms._checkProps(v, { ...props, alarmNamePrefix: prefix, minimumTaskCount });
    checkTraffic(v, props);
    v.throwIfAny();

    const { service, loadBalancer } = props;
    const loadBalancerErrors = props.loadBalancerErrors ?? true;
    const targetGroup = props.targetGroup;
    // Without a target group, Service Connect's metrics of the server, as its clients see it (validated above).
    const discoveryName = props.serviceConnectEndpoint?.discoveryName ?? '';
    const targetGroups = targetGroup
      ? [targetGroup, ...(props.alternateTargetGroup ? [props.alternateTargetGroup] : [])]
      : [];
    /**
     * One metric of every target group, combined when there are two: `SUM` adds counts, `MAX` takes the larger
     * value (of percentiles, which cannot be added). A group without traffic has no datapoints: `FILL` counts
     * them as 0, which neither adds anything nor exceeds the other group's value.
     */
    const acrossTargetGroups = (
      metric: (tg: elbv2.IApplicationTargetGroup) => cloudwatch.IMetric,
      combine: 'SUM' | 'MAX',
      label: string,
      period: Duration,
    ): cloudwatch.IMetric => {
      if (targetGroups.length === 1) return metric(targetGroups[0]);
      const usingMetrics = Object.fromEntries(targetGroups.map((tg, i) => [`tg${i}`, metric(tg)]));
      const ids = Object.keys(usingMetrics).map((key) => `FILL(${key}, 0)`);
      const expression = combine === 'SUM' ? ids.join(' + ') : `MAX([${ids.join(', ')}])`;
      return new cloudwatch.MathExpression({ expression, usingMetrics, label, period });
    };
    const serviceDimensions = { ClusterName: service.cluster.clusterName, ServiceName: service.serviceName };
    const add = (name: string, definition: AlarmDefinition) => this.createAlarm(prefix, name, definition, props.topics);
    /** An alarm on target health, which only a target group has. */
    const onTargets = (create: () => cloudwatch.Alarm | undefined) => (targetGroup ? create() : undefined);

    this.highCpu = add('HighCpu', {
      settings: props.highCpu,
      severity: AlertSeverity.WARNING,
      metric: (period) => service.metricCpuUtilization({ period, statistic: cloudwatch.Stats.AVERAGE }),
      threshold: 80,
      comparison: GREATER,
      period: Duration.minutes(1),
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      missing: NOT_BREACHING,
      description:
        'The service uses most of its CPU. Check first: a traffic rise, and whether auto scaling is adding tasks (its maximum, its cooldowns); then the task size (cpu).',
    });
    this.highMemory = add('HighMemory', {
      settings: props.highMemory,
      severity: AlertSeverity.WARNING,
      metric: (period) => service.metricMemoryUtilization({ period, statistic: cloudwatch.Stats.AVERAGE }),
      threshold: 90,
      comparison: GREATER,
      period: Duration.minutes(1),
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      missing: NOT_BREACHING,
      description:
        'The service uses most of its memory; tasks are killed at the limit. Check first: stopped tasks with OutOfMemoryError, a leak in the latest deployment, then memoryLimitMiB.',
    });
    // (The construct id predates the prop's name: a new id would replace the alarm, whose name is fixed.)
    this.serverErrors = add('Http5xx', {
      settings: props.serverErrors,
      severity: AlertSeverity.CRITICAL,
      metric: (period) => {
        if (!targetGroup) {
          return serviceConnectMetric(discoveryName, 'HTTPCode_Target_5XX_Count', 'Sum', period, '5XX to its clients');
        }
        const target = acrossTargetGroups(
          (tg) => tg.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period, statistic: 'Sum' }),
          'SUM',
          'Target 5XX responses',
          period,
        );
        if (!loadBalancerErrors) return target;
        return new cloudwatch.MathExpression({
          expression: 'FILL(elb, 0) + FILL(target, 0)',
          usingMetrics: {
            elb: loadBalancer!.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period, statistic: 'Sum' }),
            target,
          },
          label: '5XX responses (load balancer + targets)',
          period,
        });
      },
      threshold: 10,
      comparison: GREATER,
      ...TWO_OF_THREE_MINUTES,
      description: targetGroup
        ? 'Clients get 5XX errors. Check first: target health (502/503 from the load balancer mean no healthy task), then the application logs for errors, then the latest deployment.'
        : 'The services that call this one get 5XX errors. Check first: running tasks, the Service Connect access logs in the log group (503 and 504 from the proxy mean no task or a timeout), then the application logs and the latest deployment.',
    });
    this.unhealthyTargets = onTargets(() =>
      add('UnhealthyTargets', {
        settings: props.unhealthyTargets,
        severity: AlertSeverity.CRITICAL,
        metric: (period) =>
          acrossTargetGroups(
            (tg) => tg.metrics.unhealthyHostCount({ period, statistic: cloudwatch.Stats.MAXIMUM }),
            'SUM',
            'Unhealthy targets',
            period,
          ),
        threshold: 0,
        comparison: GREATER,
        period: Duration.minutes(1),
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        missing: NOT_BREACHING,
        description:
          "Tasks fail the load balancer's health check. Check first: the health check path answers 200 inside the container, the service security group admits the load balancer, then the task logs.",
      }),
    );
    this.runningTasks = add('RunningTasksBelowMinimum', {
      settings: props.runningTasks,
      severity: AlertSeverity.CRITICAL,
      metric: (period) =>
        new cloudwatch.Metric({
          namespace: 'ECS/ContainerInsights',
          metricName: 'RunningTaskCount',
          dimensionsMap: serviceDimensions,
          statistic: cloudwatch.Stats.MINIMUM,
          period,
        }),
      threshold: minimumTaskCount,
      comparison: LESS,
      period: Duration.minutes(1),
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      missing: BREACHING,
      description:
        "Fewer tasks run than the minimum. Check first: the service's events and stopped tasks (the task definition's CPU and memory, the execution role's permissions to pull the image and read secrets, the image itself), then the security groups and routes.",
    });
    this.noHealthyTargets = onTargets(() =>
      add('NoHealthyTargets', {
        settings: props.noHealthyTargets,
        severity: AlertSeverity.CRITICAL,
        metric: (period) =>
          acrossTargetGroups(
            (tg) => tg.metrics.healthyHostCount({ period, statistic: cloudwatch.Stats.MINIMUM }),
            'SUM',
            'Healthy targets',
            period,
          ),
        threshold: 1,
        comparison: LESS,
        period: Duration.minutes(1),
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        missing: BREACHING,
        description:
          'No task is healthy behind the load balancer: the service is down. Check first: running tasks and their stopped reasons, then the health check path and the security groups.',
      }),
    );
    if (props.alternateTargetGroup) {
      this.errorRate = add('ErrorRate', {
        settings: props.errorRate,
        severity: AlertSeverity.CRITICAL,
        metric: (period) =>
          shareOfRequests(
            targetGroups,
            elbv2.HttpCodeTarget.TARGET_5XX_COUNT,
            period,
            loadBalancerErrors ? loadBalancer : undefined,
          ),
        threshold: 1,
        comparison: GREATER,
        ...TWO_OF_THREE_MINUTES,
        description:
          'More than the threshold (percent) of requests get 5XX, as during a deployment whose new revision misbehaves. Check first: which target group serves the errors (the new revision), its logs, then the latest deployment.',
      });
    }
    if (props.clientErrorRate && targetGroup) {
      this.clientErrorRate = add('ClientErrorRate', {
        settings: props.clientErrorRate,
        severity: AlertSeverity.CRITICAL,
        metric: (period) => shareOfRequests(targetGroups, elbv2.HttpCodeTarget.TARGET_4XX_COUNT, period),
        threshold: 10,
        comparison: GREATER,
        ...TWO_OF_THREE_MINUTES,
        description:
          'More than the threshold (percent) of requests get 4XX from the tasks, as when a new revision loses a route or refuses valid credentials. Check first: which target group serves them (the new revision), which paths, then the latest deployment.',
      });
    }
    this.responseTime = add('ResponseTimeP99', {
      settings: props.responseTime,
      severity: AlertSeverity.WARNING,
      metric: (period) =>
        targetGroup
          ? acrossTargetGroups(
              (tg) => tg.metrics.targetResponseTime({ period, statistic: cloudwatch.Stats.p(99) }),
              'MAX',
              'p99 response time (slower target group)',
              period,
            )
          : serviceConnectSeconds(discoveryName, cloudwatch.Stats.p(99), period, 'p99 response time to its clients'),
      threshold: 2,
      comparison: GREATER,
      period: Duration.minutes(5),
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      missing: NOT_BREACHING,
      description: targetGroup
        ? "The slowest 1% of requests take over the threshold (seconds). Check first: target health, the tasks' CPU and memory, then slow calls to dependencies in the application logs."
        : "The slowest 1% of the requests of the services that call this one take over the threshold (seconds). Check first: the tasks' CPU and memory, then slow calls to dependencies in the application logs.",
    });
    if (props.domain?.healthCheck && (props.domainHealthCheck?.enabled ?? true)) {
      const region = Stack.of(this).region;
      if (!Token.isUnresolved(region) && region === 'us-east-1') {
        const domain = props.domain;
        this.domainHealthCheck = add('DomainHealthCheck', {
          settings: props.domainHealthCheck,
          severity: AlertSeverity.CRITICAL,
          metric: (period) => domain.healthCheckMetric().with({ period }),
          threshold: 1,
          comparison: LESS,
          period: Duration.minutes(1),
          evaluationPeriods: 3,
          datapointsToAlarm: 3,
          missing: BREACHING,
          description: `Route 53 cannot reach https://${domain.domainName} from the internet. Check first: the DNS records and the certificate, then the load balancer's listeners and security group, then the service's own alarms.`,
        });
      } else {
        Annotations.of(this).addInfo(
          "Route 53 publishes the domain health check's metric only in us-east-1, and this stack is not pinned there: " +
            'alarm on domain.healthCheckMetric() in a us-east-1 stack, or set the domainHealthCheck alarm enabled false',
        );
      }
    }

    // Created after the service is stable: an alarm on the target group alone could otherwise go into
    // alarm while the first tasks start, and fail the deployment that creates the service.
    for (const alarm of this.all) alarm.node.addDependency(service);

    // The names as literals: `alarm.alarmName` is a reference to the alarm within its stack, which
    // would make the service depend on alarms that depend on the service.
    this.deploymentAlarmNames = [...this.criticalAlarmNames];
    if ((props.rollbackOnAlarm ?? true) && this.deploymentAlarmNames.length > 0) {
      // One call with every name: aws-cdk-lib replaces the names of an earlier call.
      service.enableDeploymentAlarms(this.deploymentAlarmNames, { behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM });
    }
  }

  private createAlarm(
    prefix: string,
    name: string,
    definition: AlarmDefinition,
    topics: AlertTopics | undefined,
  ): cloudwatch.Alarm | undefined {
    const settings = definition.settings ?? {};
    if (!(settings.enabled ?? true)) return undefined;
    const period = settings.period ?? definition.period;
    const evaluationPeriods = settings.evaluationPeriods ?? definition.evaluationPeriods;
    const alarmName = `${prefix}-${name}`;
    const alarm = new cloudwatch.Alarm(this, name, {
      alarmName,
      alarmDescription: `[${definition.severity}] ${definition.description}`,
      metric: definition.metric(period),
      threshold: settings.threshold ?? definition.threshold,
      comparisonOperator: definition.comparison,
      evaluationPeriods,
      datapointsToAlarm: settings.datapointsToAlarm ?? Math.min(definition.datapointsToAlarm, evaluationPeriods),
      treatMissingData: definition.missing,
    });
    if (topics) {
      const action = new actions.SnsAction(topics.topicFor(definition.severity));
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
    this.all.push(alarm);
    if (definition.severity === AlertSeverity.CRITICAL) {
      this.critical.push(alarm);
      this.criticalAlarmNames.push(alarmName);
    }
    return alarm;
  }
}

/**
 * The percentage of the requests to `targetGroups` that their targets answered with `code` (4XX or 5XX), with
 * the load balancer's own 5XX added when `loadBalancer` is given. Ids: `e4_<i>` or `e5_<i>` for each group's
 * responses, `r_<i>` for its requests, `elb5` for the load balancer's 5XX.
 */
function shareOfRequests(
  targetGroups: elbv2.IApplicationTargetGroup[],
  code: elbv2.HttpCodeTarget,
  period: Duration,
  loadBalancer?: elbv2.IApplicationLoadBalancer,
): cloudwatch.IMetric {
  const serverErrors = code === elbv2.HttpCodeTarget.TARGET_5XX_COUNT;
  const key = serverErrors ? 'e5' : 'e4';
  const sum = { period, statistic: 'Sum' };
  const usingMetrics: Record<string, cloudwatch.IMetric> = {};
  const errors: string[] = [];
  const requests: string[] = [];
  if (serverErrors && loadBalancer) {
    usingMetrics.elb5 = loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, sum);
    errors.push('FILL(elb5, 0)');
  }
  targetGroups.forEach((tg, i) => {
    usingMetrics[`${key}_${i}`] = tg.metrics.httpCodeTarget(code, sum);
    usingMetrics[`r_${i}`] = tg.metrics.requestCount(sum);
    errors.push(`FILL(${key}_${i}, 0)`);
    requests.push(`FILL(r_${i}, 0)`);
  });
  // No requests: the division has no value, which the alarm treats as not breaching.
  return new cloudwatch.MathExpression({
    expression: `100 * (${errors.join(' + ')}) / (${requests.join(' + ')})`,
    usingMetrics,
    label: `${serverErrors ? '5XX' : '4XX'} share of requests (%)`,
    period,
  });
}

/**
 * Records the problems of the traffic the alarms watch: a target group (with the load balancer whose own 5XX they
 * count), or else a Service Connect endpoint, whose metrics have no target health or 4XX share to alarm on.
 */
function checkTraffic(v: PropsValidator, props: ServiceAlarmsProps): void {
  if (props.targetGroup) {
    if (!props.loadBalancer && (props.loadBalancerErrors ?? true)) {
      v.fail(
        "loadBalancerErrors counts the load balancer's own 5XX, and no loadBalancer was given; allowed: loadBalancer, or loadBalancerErrors false",
      );
    }
    return;
  }
  if (!props.serviceConnectEndpoint) {
    v.fail(
      'the alarms watch no traffic: neither targetGroup nor serviceConnectEndpoint was given; allowed: targetGroup with loadBalancer, or serviceConnectEndpoint',
    );
  }
  const targetOnly = (
    ['alternateTargetGroup', 'unhealthyTargets', 'noHealthyTargets', 'clientErrorRate'] as const
  ).filter((prop) => props[prop] !== undefined);
  if (targetOnly.length > 0) {
    v.fail(
      `${targetOnly.join(', ')} given without targetGroup, and only a target group has them; allowed: targetGroup, or none of them`,
    );
  }
}

/** CloudWatch evaluates at most one day of data per alarm (periods of a minute or more). */
const MAX_EVALUATION_SECONDS = 86_400;

/** The longest alarm name suffix; CloudWatch alarm names are at most 255 characters. */
const LONGEST_SUFFIX = '-RunningTasksBelowMinimum';

/** The allowed threshold of each alarm, and its default evaluation shape (to check overrides against). */
const ALARMS: Array<[keyof ServiceAlarmsOptions, number, number, number, number]> = [
  // [prop, min threshold, max threshold, default evaluationPeriods, default period in minutes]
  ['highCpu', 1, 100, 5, 1],
  ['highMemory', 1, 100, 5, 1],
  ['serverErrors', 0, Number.MAX_SAFE_INTEGER, 3, 1],
  ['unhealthyTargets', 0, Number.MAX_SAFE_INTEGER, 2, 1],
  ['runningTasks', 1, 5000, 3, 1],
  ['noHealthyTargets', 1, Number.MAX_SAFE_INTEGER, 2, 1],
  ['responseTime', 0.001, 3600, 3, 5],
  ['domainHealthCheck', 0.001, 1, 3, 1],
  ['errorRate', 0.001, 100, 3, 1],
  ['clientErrorRate', 0.001, 100, 3, 1],
];

function checkAlarmSettings(
  v: PropsValidator,
  prop: string,
  settings: AlarmSettings,
  min: number,
  max: number,
  defaultEvaluations: number,
  defaultMinutes: number,
): void {
  const { threshold, evaluationPeriods, datapointsToAlarm, period } = settings;
  if (threshold !== undefined && !Token.isUnresolved(threshold)) {
    if (!Number.isFinite(threshold) || threshold < min || threshold > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min} to ${max}`;
      v.fail(`${prop}.threshold ${threshold} is not allowed; allowed: ${range}`);
    }
  }
  v.integerInRange(`${prop}.evaluationPeriods`, evaluationPeriods, 1, MAX_EVALUATION_SECONDS / 60);
  // A Token period (knownSeconds gives undefined) leaves the evaluation window unchecked.
  const seconds = period === undefined ? defaultMinutes * 60 : knownSeconds(period);
  if (period !== undefined && seconds !== undefined && (seconds < 60 || seconds % 60 !== 0)) {
    v.fail(`${prop}.period ${period.toHumanString()} is not allowed; allowed: a whole number of minutes, 1 or more`);
  }
  const evaluations = evaluationPeriods ?? defaultEvaluations;
  if (
    seconds !== undefined &&
    !Token.isUnresolved(evaluations) &&
    Number.isInteger(evaluations) &&
    evaluations * seconds > MAX_EVALUATION_SECONDS
  ) {
    v.fail(
      `${prop} evaluates ${evaluations} periods of ${seconds / 60} minutes; allowed: at most one day (evaluationPeriods x period <= 1440 minutes)`,
    );
  }
  if (datapointsToAlarm !== undefined && !Token.isUnresolved(datapointsToAlarm)) {
    if (!Number.isInteger(datapointsToAlarm) || datapointsToAlarm < 1 || datapointsToAlarm > evaluations) {
      v.fail(
        `${prop}.datapointsToAlarm ${datapointsToAlarm} is not allowed; allowed: an integer from 1 to evaluationPeriods (${evaluations})`,
      );
    }
  }
}
