import { CfnElement, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { AlertTopics, ServiceAlarms, ServiceAlarmsProps, ServiceDomain } from '../../src';
import { testStack } from '../util';

type Optional = Partial<ServiceAlarmsProps>;

/** A Fargate service behind a load balancer, in a stack named `Prod`. */
function fixture(region?: string) {
  const stack = new Stack(testStack().node.root, 'Prod', region ? { env: { region, account: '123456789012' } } : {});
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('App', {
    image: ecs.ContainerImage.fromRegistry('app'),
    portMappings: [{ containerPort: 80 }],
  });
  const service = new ecs.FargateService(stack, 'Service', { cluster, taskDefinition });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
  const targetGroup = loadBalancer
    .addListener('Http', { port: 80 })
    .addTargets('Web', { port: 80, targets: [service] });
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnElement);
  return { stack, service, loadBalancer, targetGroup, id };
}

function build(props: Optional = {}, region?: string) {
  const f = fixture(region);
  const topics = new AlertTopics(f.stack, 'Alerts');
  const alarms = new ServiceAlarms(f.stack, 'Alarms', {
    service: f.service,
    loadBalancer: f.loadBalancer,
    targetGroup: f.targetGroup,
    topics,
    ...props,
  });
  return { ...f, topics, alarms, template: Template.fromStack(f.stack) };
}

describe('ServiceAlarms', () => {
  // [name, severity, namespace, metric, statistic, period, threshold, comparison, evaluations, datapoints, missing data]
  test.each([
    [
      'HighCpu',
      'Warning',
      'AWS/ECS',
      'CPUUtilization',
      'Average',
      60,
      80,
      'GreaterThanThreshold',
      5,
      5,
      'notBreaching',
    ],
    [
      'HighMemory',
      'Warning',
      'AWS/ECS',
      'MemoryUtilization',
      'Average',
      60,
      90,
      'GreaterThanThreshold',
      5,
      5,
      'notBreaching',
    ],
    [
      'UnhealthyTargets',
      'Critical',
      'AWS/ApplicationELB',
      'UnHealthyHostCount',
      'Maximum',
      60,
      0,
      'GreaterThanThreshold',
      2,
      2,
      'notBreaching',
    ],
    [
      'RunningTasksBelowMinimum',
      'Critical',
      'ECS/ContainerInsights',
      'RunningTaskCount',
      'Minimum',
      60,
      2,
      'LessThanThreshold',
      3,
      3,
      'breaching',
    ],
    [
      'NoHealthyTargets',
      'Critical',
      'AWS/ApplicationELB',
      'HealthyHostCount',
      'Minimum',
      60,
      1,
      'LessThanThreshold',
      2,
      2,
      'breaching',
    ],
    [
      'ResponseTimeP99',
      'Warning',
      'AWS/ApplicationELB',
      'TargetResponseTime',
      undefined,
      300,
      2,
      'GreaterThanThreshold',
      3,
      3,
      'notBreaching',
    ],
  ])(
    'default %s: %s, %s %s %s over %d s, threshold %d %s, %d/%d, missing data %s',
    (
      name,
      severity,
      namespace,
      metricName,
      statistic,
      period,
      threshold,
      comparison,
      evaluations,
      datapoints,
      missing,
    ) => {
      const b = build();
      const topic = { Ref: b.id(severity === 'Critical' ? b.topics.critical : b.topics.warning) };
      b.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `Prod-Alarms-${name}`,
        AlarmDescription: Match.stringLikeRegexp(`^\\[${severity.toLowerCase()}\\] .*Check first: `),
        Namespace: namespace,
        MetricName: metricName,
        ...(statistic ? { Statistic: statistic } : { ExtendedStatistic: 'p99' }),
        Period: period,
        Threshold: threshold,
        ComparisonOperator: comparison,
        EvaluationPeriods: evaluations,
        DatapointsToAlarm: datapoints,
        TreatMissingData: missing,
        AlarmActions: [topic],
        OKActions: [topic],
      });
    },
  );

  test('dimensions: the service (cluster and name) for ECS metrics; the target group and load balancer for ELB ones', () => {
    const b = build();
    const f = b;
    const alarm = (name: string) =>
      Object.values(
        b.template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: `Prod-Alarms-${name}` } }),
      )[0].Properties;
    for (const name of ['HighCpu', 'HighMemory', 'RunningTasksBelowMinimum']) {
      expect(alarm(name).Dimensions).toEqual(
        expect.arrayContaining([
          { Name: 'ClusterName', Value: { Ref: f.id(f.service.cluster as ecs.Cluster) } },
          { Name: 'ServiceName', Value: { 'Fn::GetAtt': [f.id(f.service), 'Name'] } },
        ]),
      );
      expect(alarm(name).Dimensions).toHaveLength(2);
    }
    for (const name of ['UnhealthyTargets', 'NoHealthyTargets', 'ResponseTimeP99']) {
      expect(
        alarm(name)
          .Dimensions.map((d: { Name: string }) => d.Name)
          .sort(),
      ).toEqual(['LoadBalancer', 'TargetGroup']);
      expect(JSON.stringify(alarm(name).Dimensions)).toContain(f.id(f.targetGroup));
    }
  });

  test("5XX: the sum of the load balancer's and the targets' 5XX, above 10 a minute in 2 of 3 minutes, critical", () => {
    const b = build();
    const critical = { Ref: b.id(b.topics.critical) };
    b.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Prod-Alarms-Http5xx',
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
      AlarmActions: [critical],
      OKActions: [critical],
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'FILL(elb, 0) + FILL(target, 0)', ReturnData: true }),
        Match.objectLike({
          Id: 'elb',
          ReturnData: false,
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_ELB_5XX_Count' }),
            Period: 60,
            Stat: 'Sum',
          }),
        }),
        Match.objectLike({
          Id: 'target',
          ReturnData: false,
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_Target_5XX_Count' }),
            Period: 60,
            Stat: 'Sum',
          }),
        }),
      ]),
    });
  });

  test('the critical alarms are the deployment alarms, by name, with rollback; nothing in the service refers to them', () => {
    const b = build();
    expect(b.alarms.critical.map((a) => a.node.id)).toEqual([
      'Http5xx',
      'UnhealthyTargets',
      'RunningTasksBelowMinimum',
      'NoHealthyTargets',
    ]);
    const names = ['Http5xx', 'UnhealthyTargets', 'RunningTasksBelowMinimum', 'NoHealthyTargets'].map(
      (n) => `Prod-Alarms-${n}`,
    );
    expect(b.alarms.deploymentAlarmNames).toEqual(names);
    b.template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({ Alarms: { AlarmNames: names, Enable: true, Rollback: true } }),
    });
    // Literal names, not references: the alarms depend on the service, never the other way round.
    const service = b.template.toJSON().Resources[b.id(b.service)];
    for (const alarm of b.alarms.all) expect(JSON.stringify(service)).not.toContain(b.id(alarm));
  });

  test('rollbackOnAlarm false: no deployment alarms', () => {
    build({ rollbackOnAlarm: false }).template.hasResourceProperties('AWS::ECS::Service', {
      // aws-cdk-lib writes a disabled alarm configuration by default.
      DeploymentConfiguration: Match.objectLike({ Alarms: { AlarmNames: [], Enable: false, Rollback: false } }),
    });
  });

  test('each alarm can be tuned or turned off; a critical alarm turned off leaves the deployment alarms', () => {
    const b = build({
      highCpu: { threshold: 70, period: Duration.minutes(5), evaluationPeriods: 3, datapointsToAlarm: 2 },
      unhealthyTargets: { enabled: false },
      responseTime: { threshold: 0.5 },
      runningTasks: { evaluationPeriods: 1 },
    });
    b.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Prod-Alarms-HighCpu',
      Threshold: 70,
      Period: 300,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
    b.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Prod-Alarms-ResponseTimeP99',
      Threshold: 0.5,
    });
    // Fewer evaluation periods than the default datapoints: the datapoints follow.
    b.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Prod-Alarms-RunningTasksBelowMinimum',
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
    });
    expect(b.alarms.unhealthyTargets).toBeUndefined();
    b.template.resourceCountIs('AWS::CloudWatch::Alarm', 6);
    expect(b.alarms.deploymentAlarmNames).not.toContain('Prod-Alarms-UnhealthyTargets');
  });

  test('minimumTaskCount sets the running-task threshold; alarmNamePrefix the names', () => {
    const b = build({ minimumTaskCount: 4, alarmNamePrefix: 'shop-web' });
    b.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'shop-web-RunningTasksBelowMinimum',
      Threshold: 4,
    });
  });

  test('without topics, the alarms have no actions and still guard deployments', () => {
    const f = fixture();
    const alarms = new ServiceAlarms(f.stack, 'Alarms', {
      service: f.service,
      loadBalancer: f.loadBalancer,
      targetGroup: f.targetGroup,
    });
    const template = Template.fromStack(f.stack);
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toBeUndefined();
      expect(alarm.Properties.OKActions).toBeUndefined();
    }
    expect(alarms.deploymentAlarmNames).toHaveLength(4);
  });

  describe('the domain health check', () => {
    function withDomain(region: string, props: Optional = {}) {
      const f = fixture(region);
      const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(f.stack, 'Zone', {
        hostedZoneId: 'Z123',
        zoneName: 'example.com',
      });
      const domain = new ServiceDomain(f.stack, 'Domain', {
        domainName: 'app.example.com',
        hostedZone,
        certificate: acm.Certificate.fromCertificateArn(
          f.stack,
          'Cert',
          'arn:aws:acm:us-east-1:123456789012:certificate/x',
        ),
      });
      const alarms = new ServiceAlarms(f.stack, 'Alarms', {
        service: f.service,
        loadBalancer: f.loadBalancer,
        targetGroup: f.targetGroup,
        domain,
        ...props,
      });
      return { ...f, domain, alarms, template: Template.fromStack(f.stack) };
    }

    test('in a us-east-1 stack: a critical alarm on HealthCheckStatus, which guards deployments too', () => {
      const b = withDomain('us-east-1');
      b.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'Prod-Alarms-DomainHealthCheck',
        Namespace: 'AWS/Route53',
        MetricName: 'HealthCheckStatus',
        Dimensions: [{ Name: 'HealthCheckId', Value: { Ref: b.id(b.domain.healthCheck!) } }],
        Statistic: 'Minimum',
        Period: 60,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        EvaluationPeriods: 3,
        TreatMissingData: 'breaching',
      });
      expect(b.alarms.deploymentAlarmNames).toContain('Prod-Alarms-DomainHealthCheck');
    });

    test('elsewhere: no alarm, and a note that says where to create it', () => {
      const b = withDomain('us-west-2');
      expect(b.alarms.domainHealthCheck).toBeUndefined();
      Annotations.fromStack(b.stack).hasInfo(
        '/Prod/Alarms',
        Match.stringLikeRegexp('only in us-east-1.*domain.healthCheckMetric\\(\\) in a us-east-1 stack'),
      );
    });

    test('turned off: neither alarm nor note', () => {
      const b = withDomain('us-west-2', { domainHealthCheck: { enabled: false } });
      Annotations.fromStack(b.stack).hasNoInfo('/Prod/Alarms', Match.anyValue());
    });
  });

  test.each<[string, Optional, string]>([
    [
      'a CPU threshold above 100',
      { highCpu: { threshold: 120 } },
      'highCpu.threshold 120 is not allowed; allowed: 1 to 100',
    ],
    [
      'a negative 5XX threshold',
      { serverErrors: { threshold: -1 } },
      'serverErrors.threshold -1 is not allowed; allowed: 0 or more',
    ],
    [
      'a period of seconds',
      { highMemory: { period: Duration.seconds(90) } },
      'highMemory.period 1 minute 30 seconds is not allowed; allowed: a whole number of minutes, 1 or more',
    ],
    [
      'zero evaluation periods',
      { unhealthyTargets: { evaluationPeriods: 0 } },
      'unhealthyTargets.evaluationPeriods 0 is not allowed; allowed: an integer from 1 to 1440',
    ],
    [
      'more datapoints than periods',
      { noHealthyTargets: { datapointsToAlarm: 3 } },
      'noHealthyTargets.datapointsToAlarm 3 is not allowed; allowed: an integer from 1 to evaluationPeriods (2)',
    ],
    [
      'more than a day evaluated',
      { responseTime: { evaluationPeriods: 300 } },
      'responseTime evaluates 300 periods of 5 minutes; allowed: at most one day (evaluationPeriods x period <= 1440 minutes)',
    ],
    [
      'a minimum task count of 0',
      { minimumTaskCount: 0 },
      'minimumTaskCount 0 is not allowed; allowed: an integer from 1 to 5000',
    ],
    ['an empty prefix', { alarmNamePrefix: '' }, "alarmNamePrefix '' has 0 characters; allowed: 1 to 230"],
    [
      'a prefix with a newline',
      { alarmNamePrefix: 'a\nb' },
      "alarmNamePrefix 'a\\nb' contains control characters; allowed: printable characters",
    ],
  ])('rejects %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  describe('two target groups (canary, linear, blue/green)', () => {
    /** The fixture with a second target group, weighted 0 on the same listener as ECS leaves it. */
    function withAlternate(props: Optional = {}) {
      const f = fixture();
      const vpc = f.service.cluster.vpc;
      const green = new elbv2.ApplicationTargetGroup(f.stack, 'Green', {
        vpc,
        port: 80,
        targetType: elbv2.TargetType.IP,
      });
      const listener = f.loadBalancer.listeners[0];
      listener.addAction('Weighted', {
        priority: 10,
        conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])],
        action: elbv2.ListenerAction.weightedForward([
          { targetGroup: f.targetGroup, weight: 100 },
          { targetGroup: green, weight: 0 },
        ]),
      });
      const alarms = new ServiceAlarms(f.stack, 'Alarms', {
        service: f.service,
        loadBalancer: f.loadBalancer,
        targetGroup: f.targetGroup,
        alternateTargetGroup: green,
        ...props,
      });
      const template = Template.fromStack(f.stack);
      const blue = f.id(f.targetGroup);
      const alb = f.id(f.loadBalancer);
      const greenId = f.id(green);
      /** The alarm's metric math: its expression, then `<id>=<metric>/<stat>@<blue|green|lb>` for each metric. */
      const mathOf = (name: string) => {
        const found = template.findResources('AWS::CloudWatch::Alarm', {
          Properties: { AlarmName: `Prod-Alarms-${name}` },
        });
        const queries = Object.values(found)[0].Properties.Metrics as Array<Record<string, any>>;
        const where = (metric: unknown) => {
          const text = JSON.stringify(metric);
          if (text.includes(greenId)) return 'green';
          if (text.includes(blue)) return 'blue';
          return text.includes(alb) ? 'lb' : '?';
        };
        return {
          expression: queries.find((q) => q.ReturnData !== false)?.Expression,
          metrics: queries
            .filter((q) => q.MetricStat)
            .map((q) => `${q.Id}=${q.MetricStat.Metric.MetricName}/${q.MetricStat.Stat}@${where(q.MetricStat.Metric)}`)
            .sort(),
        };
      };
      return { ...f, alarms, template, mathOf };
    }

    test('healthy and unhealthy targets: the sum of both groups, each filled with 0 where a group has no data', () => {
      const b = withAlternate();
      expect(b.mathOf('NoHealthyTargets')).toEqual({
        expression: 'FILL(tg0, 0) + FILL(tg1, 0)',
        metrics: ['tg0=HealthyHostCount/Minimum@blue', 'tg1=HealthyHostCount/Minimum@green'],
      });
      expect(b.mathOf('UnhealthyTargets')).toEqual({
        expression: 'FILL(tg0, 0) + FILL(tg1, 0)',
        metrics: ['tg0=UnHealthyHostCount/Maximum@blue', 'tg1=UnHealthyHostCount/Maximum@green'],
      });
      b.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'Prod-Alarms-NoHealthyTargets',
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      });
    });

    test("p99 response time: the larger of the two groups' p99, over 5 minutes", () => {
      const b = withAlternate();
      expect(b.mathOf('ResponseTimeP99')).toEqual({
        expression: 'MAX([FILL(tg0, 0), FILL(tg1, 0)])',
        metrics: ['tg0=TargetResponseTime/p99@blue', 'tg1=TargetResponseTime/p99@green'],
      });
      b.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'Prod-Alarms-ResponseTimeP99',
        Threshold: 2,
        Metrics: Match.arrayWith([Match.objectLike({ Id: 'tg0', MetricStat: Match.objectLike({ Period: 300 }) })]),
      });
    });

    test("error rate: 5XX only, the targets' of both groups and the load balancer's own, over both groups' requests", () => {
      const b = withAlternate();
      expect(b.mathOf('ErrorRate')).toEqual({
        expression: '100 * (FILL(elb5, 0) + FILL(e5_0, 0) + FILL(e5_1, 0)) / (FILL(r_0, 0) + FILL(r_1, 0))',
        metrics: [
          'e5_0=HTTPCode_Target_5XX_Count/Sum@blue',
          'e5_1=HTTPCode_Target_5XX_Count/Sum@green',
          'elb5=HTTPCode_ELB_5XX_Count/Sum@lb',
          'r_0=RequestCount/Sum@blue',
          'r_1=RequestCount/Sum@green',
        ],
      });
      expect(JSON.stringify(b.template.toJSON())).not.toContain('HTTPCode_Target_4XX_Count');
      b.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'Prod-Alarms-ErrorRate',
        Threshold: 1,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        TreatMissingData: 'notBreaching',
      });
    });

    test("error rate with loadBalancerErrors false: the targets' 5XX only", () => {
      expect(withAlternate({ loadBalancerErrors: false }).mathOf('ErrorRate')).toEqual({
        expression: '100 * (FILL(e5_0, 0) + FILL(e5_1, 0)) / (FILL(r_0, 0) + FILL(r_1, 0))',
        metrics: [
          'e5_0=HTTPCode_Target_5XX_Count/Sum@blue',
          'e5_1=HTTPCode_Target_5XX_Count/Sum@green',
          'r_0=RequestCount/Sum@blue',
          'r_1=RequestCount/Sum@green',
        ],
      });
    });

    test('by default no client error alarm; the error rate joins the deployment alarms', () => {
      const b = withAlternate();
      expect(b.alarms.clientErrorRate).toBeUndefined();
      expect(b.alarms.deploymentAlarmNames).toEqual(
        ['Http5xx', 'UnhealthyTargets', 'RunningTasksBelowMinimum', 'NoHealthyTargets', 'ErrorRate'].map(
          (n) => `Prod-Alarms-${n}`,
        ),
      );
    });

    test('clientErrorRate: the 4XX share of both groups above 10%, critical, and a deployment alarm after ErrorRate', () => {
      const b = withAlternate({ clientErrorRate: {} });
      expect(b.mathOf('ClientErrorRate')).toEqual({
        expression: '100 * (FILL(e4_0, 0) + FILL(e4_1, 0)) / (FILL(r_0, 0) + FILL(r_1, 0))',
        metrics: [
          'e4_0=HTTPCode_Target_4XX_Count/Sum@blue',
          'e4_1=HTTPCode_Target_4XX_Count/Sum@green',
          'r_0=RequestCount/Sum@blue',
          'r_1=RequestCount/Sum@green',
        ],
      });
      b.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'Prod-Alarms-ClientErrorRate',
        AlarmDescription: Match.stringLikeRegexp('^\\[critical\\] .*4XX.*Check first: '),
        Threshold: 10,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        TreatMissingData: 'notBreaching',
      });
      expect(b.alarms.critical).toContain(b.alarms.clientErrorRate);
      expect(b.alarms.deploymentAlarmNames.slice(-2)).toEqual(['Prod-Alarms-ErrorRate', 'Prod-Alarms-ClientErrorRate']);
      b.template.hasResourceProperties('AWS::ECS::Service', {
        DeploymentConfiguration: Match.objectLike({
          Alarms: Match.objectLike({ AlarmNames: Match.arrayWith(['Prod-Alarms-ClientErrorRate']), Rollback: true }),
        }),
      });
    });

    test('clientErrorRate takes its own threshold and settings; enabled false leaves it out', () => {
      withAlternate({ clientErrorRate: { threshold: 25, evaluationPeriods: 5 } }).template.hasResourceProperties(
        'AWS::CloudWatch::Alarm',
        { AlarmName: 'Prod-Alarms-ClientErrorRate', Threshold: 25, EvaluationPeriods: 5, DatapointsToAlarm: 2 },
      );
      const off = withAlternate({ clientErrorRate: { enabled: false } });
      expect(off.alarms.clientErrorRate).toBeUndefined();
      off.template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmName: 'Prod-Alarms-ClientErrorRate' }, 0);
    });
  });

  test('clientErrorRate with one target group: the 4XX share of its requests, when asked', () => {
    const b = build({ clientErrorRate: { threshold: 5 } });
    b.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Prod-Alarms-ClientErrorRate',
      Threshold: 5,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: '100 * (FILL(e4_0, 0)) / (FILL(r_0, 0))', ReturnData: true }),
      ]),
    });
    expect(b.alarms.deploymentAlarmNames).toContain('Prod-Alarms-ClientErrorRate');
    expect(build().alarms.clientErrorRate).toBeUndefined();
  });

  test.each<[string, Optional, string]>([
    [
      'a clientErrorRate threshold of 0',
      { clientErrorRate: { threshold: 0 } },
      'clientErrorRate.threshold 0 is not allowed; allowed: 0.001 to 100',
    ],
    [
      'a clientErrorRate threshold above 100',
      { clientErrorRate: { threshold: 101 } },
      'clientErrorRate.threshold 101 is not allowed; allowed: 0.001 to 100',
    ],
  ])('rejects %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('settings of an alarm turned off are not checked; Token values pass unchecked', () => {
    expect(() => build({ highCpu: { enabled: false, threshold: 500 } })).not.toThrow();
    const b = build({
      minimumTaskCount: Lazy.number({ produce: () => 3 }),
      highCpu: { threshold: Lazy.number({ produce: () => 500 }), evaluationPeriods: Lazy.number({ produce: () => 0 }) },
      alarmNamePrefix: Lazy.string({ produce: () => '' }),
      clientErrorRate: { threshold: Lazy.number({ produce: () => 500 }) },
    });
    b.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'RunningTaskCount', Threshold: 3 });
  });
});
