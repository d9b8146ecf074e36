import { Aws, CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { ServiceDashboard, ServiceDashboardProps } from '../../src/observability/service-dashboard';
import { formatFindings, installedNagModules, nagFindings } from '../nag/harness';
import { FLAG_SETS, FlagSet, testStack } from '../util';

type Optional = Partial<ServiceDashboardProps>;

/** A service behind a load balancer, with a log group and an alarm, as the dashboard's inputs. */
function fixture(flags: FlagSet = 'no flags') {
  const stack = testStack({}, flags);
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('App', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx'),
    portMappings: [{ containerPort: 80 }],
  });
  const service = new ecs.FargateService(stack, 'Service', { cluster, taskDefinition });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
  const listener = loadBalancer.addListener('Http', { port: 80 });
  const targetGroup = listener.addTargets('Web', { port: 80, targets: [service] });
  const logGroup = new logs.LogGroup(stack, 'Logs');
  const alarm = (id: string) =>
    new cloudwatch.Alarm(stack, id, { metric: service.metricCpuUtilization(), threshold: 80, evaluationPeriods: 1 });
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnElement);
  const ids = {
    alb: id(loadBalancer),
    listener: id(listener),
    targetGroup: id(targetGroup),
    cluster: id(cluster),
    service: id(service),
    logs: id(logGroup),
  };
  return { stack, service, loadBalancer, targetGroup, logGroup, alarm, id, ids };
}

/** The dashboard of a fixture service, with `props` over the fixture's inputs. */
function build(props: Optional = {}) {
  const f = fixture();
  const board = new ServiceDashboard(f.stack, 'Board', {
    service: f.service,
    loadBalancer: f.loadBalancer,
    targetGroup: f.targetGroup,
    logGroup: f.logGroup,
    ...props,
  });
  return { ...f, board, template: Template.fromStack(f.stack), widgets: widgetsOf(f.stack, board) };
}

/** A CloudFormation value in the dashboard body as readable text: `{Id}`, `{Id.Attr}`, `{Id/1}` (an ARN part). */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(render).join(v['Fn::Join'][0]);
  if (v.Ref) return `{${v.Ref}}`;
  if (v['Fn::GetAtt']) return `{${v['Fn::GetAtt'].join('.')}}`;
  if (v['Fn::Select'] && v['Fn::Select'][1]['Fn::Split']) {
    return `{${v['Fn::Select'][1]['Fn::Split'][1].Ref}/${v['Fn::Select'][0]}}`;
  }
  return `{${JSON.stringify(value).replace(/"/g, "'")}}`;
}

/** The dashboard body's widgets, parsed, with references rendered as by `render`. */
function widgetsOf(stack: Stack, board: ServiceDashboard): any[] {
  const cfn = board.dashboard.node.defaultChild as cloudwatch.CfnDashboard;
  return JSON.parse(render(stack.resolve(cfn.dashboardBody))).widgets;
}

/** One metric line of a graph widget: `[namespace, name, dim, value, ..., options]`. */
function metricLine(line: unknown[]) {
  const last = line[line.length - 1];
  const hasOptions = typeof last === 'object';
  const parts = (hasOptions ? line.slice(0, -1) : line) as string[];
  const dimensions: Record<string, string> = {};
  for (let i = 2; i < parts.length; i += 2) dimensions[parts[i]] = parts[i + 1];
  return { namespace: parts[0], metricName: parts[1], dimensions, ...(hasOptions ? (last as object) : {}) };
}

function widget(widgets: any[], title: string) {
  const found = widgets.find((w) => w.properties.title === title);
  if (!found) throw new Error(`no widget '${title}' among ${widgets.map((w) => w.properties.title).join(', ')}`);
  return found;
}

function metricsOf(widgets: any[], title: string) {
  return (widget(widgets, title).properties.metrics as unknown[][]).map(metricLine);
}

describe('ServiceDashboard', () => {
  const lb = (ids: Record<string, string>) => ({ LoadBalancer: `{${ids.alb}.LoadBalancerFullName}` });
  const tg = (ids: Record<string, string>) => ({
    LoadBalancer: `{${ids.listener}/1}/{${ids.listener}/2}/{${ids.listener}/3}`,
    TargetGroup: `{${ids.targetGroup}.TargetGroupFullName}`,
  });
  const ecsDims = (ids: Record<string, string>) => ({
    ClusterName: `{${ids.cluster}}`,
    ServiceName: `{${ids.service}.Name}`,
  });

  test('default: one dashboard with a stable layout, metrics first, then the recent errors; no alarm row', () => {
    const { widgets, template, stack, board } = build();
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    expect(stack.getLogicalId(board.dashboard.node.defaultChild as CfnElement)).toBe('BoardDashboard4055A56F');
    expect(widgets.map((w) => [w.type, w.properties.title, w.x, w.y, w.width, w.height])).toEqual([
      ['metric', 'Requests', 0, 0, 6, 6],
      ['metric', 'Latency (target response time)', 6, 0, 6, 6],
      ['metric', '4XX responses', 12, 0, 6, 6],
      ['metric', '5XX responses', 18, 0, 6, 6],
      ['metric', 'Hosts', 0, 6, 6, 6],
      ['metric', 'CPU utilization', 6, 6, 6, 6],
      ['metric', 'Memory utilization', 12, 6, 6, 6],
      ['metric', 'Tasks', 18, 6, 6, 6],
      ['log', 'Recent errors', 0, 12, 24, 8],
    ]);
    for (const w of widgets.filter((x) => x.type === 'metric')) {
      expect(w.properties.region).toBe('{AWS::Region}');
      expect(w.properties.view).toBe('timeSeries');
      expect(w.properties.yAxis.left.min).toBe(0);
    }
  });

  test('requests: to the service (target group) and all requests of the load balancer, summed per minute', () => {
    const { widgets, ids } = build();
    expect(metricsOf(widgets, 'Requests')).toEqual([
      {
        namespace: 'AWS/ApplicationELB',
        metricName: 'RequestCount',
        dimensions: tg(ids),
        label: 'To the service',
        stat: 'Sum',
        period: 60,
      },
      {
        namespace: 'AWS/ApplicationELB',
        metricName: 'RequestCount',
        dimensions: lb(ids),
        label: 'Load balancer, all',
        stat: 'Sum',
        period: 60,
      },
    ]);
  });

  test('latency: p50, p90 and p99 of the target response time, in seconds', () => {
    const { widgets, ids } = build();
    expect(metricsOf(widgets, 'Latency (target response time)')).toEqual(
      ['p50', 'p90', 'p99'].map((stat) => ({
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: tg(ids),
        label: stat,
        stat,
        period: 60,
      })),
    );
    expect(widget(widgets, 'Latency (target response time)').properties.yAxis.left).toEqual({
      min: 0,
      label: 'Seconds',
      showUnits: false,
    });
  });

  test.each([
    ['4XX responses', 'HTTPCode_Target_4XX_Count', 'HTTPCode_ELB_4XX_Count'],
    ['5XX responses', 'HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count'],
  ])('%s: from the service and from the load balancer', (title, target, elb) => {
    const { widgets, ids } = build();
    expect(metricsOf(widgets, title)).toEqual([
      {
        namespace: 'AWS/ApplicationELB',
        metricName: target,
        dimensions: tg(ids),
        label: 'From the service',
        stat: 'Sum',
        period: 60,
      },
      {
        namespace: 'AWS/ApplicationELB',
        metricName: elb,
        dimensions: lb(ids),
        label: 'From the load balancer',
        stat: 'Sum',
        period: 60,
      },
    ]);
  });

  test('hosts: the fewest healthy and the most unhealthy targets of each period', () => {
    const { widgets, ids } = build();
    expect(metricsOf(widgets, 'Hosts')).toEqual([
      {
        namespace: 'AWS/ApplicationELB',
        metricName: 'HealthyHostCount',
        dimensions: tg(ids),
        label: 'Healthy (minimum)',
        stat: 'Minimum',
        period: 60,
      },
      {
        namespace: 'AWS/ApplicationELB',
        metricName: 'UnHealthyHostCount',
        dimensions: tg(ids),
        label: 'Unhealthy (maximum)',
        stat: 'Maximum',
        period: 60,
      },
    ]);
  });

  test.each([
    ['CPU utilization', 'CPUUtilization'],
    ['Memory utilization', 'MemoryUtilization'],
  ])('%s: the service average and the busiest task, 0 to 100 percent', (title, metricName) => {
    const { widgets, ids } = build();
    expect(metricsOf(widgets, title)).toEqual([
      // CloudWatch reads a line without a statistic as the Average.
      { namespace: 'AWS/ECS', metricName, dimensions: ecsDims(ids), label: 'Average', period: 60 },
      {
        namespace: 'AWS/ECS',
        metricName,
        dimensions: ecsDims(ids),
        label: 'Busiest task',
        stat: 'Maximum',
        period: 60,
      },
    ]);
    expect(widget(widgets, title).properties.yAxis.left).toEqual({
      min: 0,
      max: 100,
      label: 'Percent',
      showUnits: false,
    });
  });

  test('tasks: running, desired and pending from Container Insights', () => {
    const { widgets, ids } = build();
    expect(metricsOf(widgets, 'Tasks')).toEqual(
      [
        ['RunningTaskCount', 'Running'],
        ['DesiredTaskCount', 'Desired'],
        ['PendingTaskCount', 'Pending'],
      ].map(([metricName, label]) => ({
        namespace: 'ECS/ContainerInsights',
        metricName,
        dimensions: ecsDims(ids),
        label,
        period: 60,
      })),
    );
  });

  test('an imported service is shown by its cluster and service names', () => {
    const f = fixture();
    const imported = ecs.FargateService.fromServiceArnWithCluster(
      f.stack,
      'Imported',
      'arn:aws:ecs:us-west-2:123456789012:service/prod/web',
    );
    const board = new ServiceDashboard(f.stack, 'Board', {
      service: imported,
      loadBalancer: f.loadBalancer,
      targetGroup: f.targetGroup,
      logGroup: f.logGroup,
    });
    expect(metricsOf(widgetsOf(f.stack, board), 'Tasks')[0].dimensions).toEqual({
      ClusterName: 'prod',
      ServiceName: 'web',
    });
  });

  test('recent errors: the default query over the log group, newest 50, as a table', () => {
    const { widgets, ids } = build();
    expect(widget(widgets, 'Recent errors').properties).toEqual({
      title: 'Recent errors',
      region: '{AWS::Region}',
      view: 'table',
      query: [
        `SOURCE '{${ids.logs}}' | fields @timestamp, @logStream, level, coalesce(message, msg, @message) as detail`,
        'filter level like /(?i)^(error|fatal|critical)$/ or (@message like /(?i)(error|exception)/ and @message not like /^\\s*\\{/)',
        'sort @timestamp desc',
        'limit 50',
      ].join('\n| '),
    });
    expect(ServiceDashboard.DEFAULT_ERROR_QUERY).toMatch(/^fields @timestamp/);
  });

  test('errorQuery replaces the query', () => {
    const { widgets, ids } = build({ errorQuery: 'fields @message\n| filter status >= 500' });
    expect(widget(widgets, 'Recent errors').properties.query).toBe(
      `SOURCE '{${ids.logs}}' | fields @message\n| filter status >= 500`,
    );
  });

  test('alarms: their states in a full-width row at the top, in the order given', () => {
    const f = fixture();
    const alarms = [f.alarm('First'), f.alarm('Second')];
    const board = new ServiceDashboard(f.stack, 'Board', {
      service: f.service,
      loadBalancer: f.loadBalancer,
      targetGroup: f.targetGroup,
      logGroup: f.logGroup,
      alarms,
    });
    const widgets = widgetsOf(f.stack, board);
    expect(widgets[0]).toEqual({
      type: 'alarm',
      x: 0,
      y: 0,
      width: 24,
      height: 3,
      properties: { title: 'Alarms', alarms: alarms.map((a) => `{${f.id(a)}.Arn}`) },
    });
    expect(widgets.slice(1).map((w) => [w.properties.title, w.y])).toEqual([
      ['Requests', 3],
      ['Latency (target response time)', 3],
      ['4XX responses', 3],
      ['5XX responses', 3],
      ['Hosts', 9],
      ['CPU utilization', 9],
      ['Memory utilization', 9],
      ['Tasks', 9],
      ['Recent errors', 15],
    ]);
  });

  test('an empty alarms list adds no alarm row', () => {
    expect(build({ alarms: [] }).widgets.map((w) => w.type)).not.toContain('alarm');
  });

  test('period applies to every metric', () => {
    const { widgets } = build({ period: Duration.minutes(2) });
    const periods = widgets
      .filter((w) => w.type === 'metric')
      .flatMap((w) => (w.properties.metrics as unknown[][]).map((line) => (metricLine(line) as any).period));
    expect(periods).toHaveLength(18);
    expect(new Set(periods)).toEqual(new Set([120]));
  });

  describe('two target groups (canary, linear, blue/green)', () => {
    /** The fixture's dashboard with a second target group, weighted 0 on the same listener. */
    function withAlternate() {
      const f = fixture();
      const green = new elbv2.ApplicationTargetGroup(f.stack, 'Green', {
        vpc: f.service.cluster.vpc,
        port: 80,
        targetType: elbv2.TargetType.IP,
      });
      f.loadBalancer.listeners[0].addAction('Weighted', {
        priority: 10,
        conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])],
        action: elbv2.ListenerAction.weightedForward([
          { targetGroup: f.targetGroup, weight: 100 },
          { targetGroup: green, weight: 0 },
        ]),
      });
      const board = new ServiceDashboard(f.stack, 'Board', {
        service: f.service,
        loadBalancer: f.loadBalancer,
        targetGroup: f.targetGroup,
        alternateTargetGroup: green,
        logGroup: f.logGroup,
      });
      return { ...f, green: f.id(green), widgets: widgetsOf(f.stack, board) };
    }

    /**
     * A graph's lines as text: `<label> = <expression>` for metric math, `<id>: <metric>/<stat> <blue|green|lb>`
     * for the hidden metrics it uses, `<label>: <metric>/<stat> <blue|green|lb>` for a plain metric.
     */
    function linesOf(b: ReturnType<typeof withAlternate>, title: string): string[] {
      return (widget(b.widgets, title).properties.metrics as unknown[][]).map((line) => {
        const m = metricLine(line) as any;
        if (m.expression) return `${m.label} = ${m.expression}`;
        const group = m.dimensions.TargetGroup ?? '';
        const where = group.includes(b.green) ? 'green' : group.includes(b.ids.targetGroup) ? 'blue' : 'lb';
        const hidden = m.visible === false;
        expect(m.period).toBe(60);
        return `${hidden ? m.id : m.label}: ${m.metricName}/${m.stat ?? 'Average'} ${where}`;
      });
    }

    test("requests: the sum of both groups beside the load balancer's", () => {
      expect(linesOf(withAlternate(), 'Requests')).toEqual([
        'To the service = FILL(requests_0, 0) + FILL(requests_1, 0)',
        'requests_0: RequestCount/Sum blue',
        'requests_1: RequestCount/Sum green',
        'Load balancer, all: RequestCount/Sum lb',
      ]);
    });

    test("latency: for each percentile the larger of the two groups' values", () => {
      expect(linesOf(withAlternate(), 'Latency (target response time)')).toEqual(
        ['p50', 'p90', 'p99'].flatMap((p) => [
          `${p} (slower target group) = MAX([FILL(${p}_0, 0), FILL(${p}_1, 0)])`,
          `${p}_0: TargetResponseTime/${p} blue`,
          `${p}_1: TargetResponseTime/${p} green`,
        ]),
      );
    });

    test.each([
      ['4XX responses', 'e4', 'HTTPCode_Target_4XX_Count', 'HTTPCode_ELB_4XX_Count'],
      ['5XX responses', 'e5', 'HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count'],
    ])("%s: the sum of both groups beside the load balancer's own", (title, key, target, elb) => {
      expect(linesOf(withAlternate(), title)).toEqual([
        `From the service = FILL(${key}_0, 0) + FILL(${key}_1, 0)`,
        `${key}_0: ${target}/Sum blue`,
        `${key}_1: ${target}/Sum green`,
        `From the load balancer: ${elb}/Sum lb`,
      ]);
    });

    test('hosts: the healthy and the unhealthy targets of both groups added up', () => {
      expect(linesOf(withAlternate(), 'Hosts')).toEqual([
        'Healthy (minimum) = FILL(healthy_0, 0) + FILL(healthy_1, 0)',
        'healthy_0: HealthyHostCount/Minimum blue',
        'healthy_1: HealthyHostCount/Minimum green',
        'Unhealthy (maximum) = FILL(unhealthy_0, 0) + FILL(unhealthy_1, 0)',
        'unhealthy_0: UnHealthyHostCount/Maximum blue',
        'unhealthy_1: UnHealthyHostCount/Maximum green',
      ]);
    });

    test('the layout stays the same', () => {
      expect(withAlternate().widgets.map((w) => w.properties.title)).toEqual([
        'Requests',
        'Latency (target response time)',
        '4XX responses',
        '5XX responses',
        'Hosts',
        'CPU utilization',
        'Memory utilization',
        'Tasks',
        'Recent errors',
      ]);
    });
  });

  test('dashboardName: left to CloudFormation by default, set when given', () => {
    build().template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: Match.absent() });
    build({ dashboardName: 'web-service_prod' }).template.hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: 'web-service_prod',
    });
  });

  test('a Token dashboardName passes unchecked', () => {
    build({ dashboardName: Aws.STACK_NAME }).template.hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: { Ref: 'AWS::StackName' },
    });
  });

  const NAME_RULE = "allowed: 1 to 255 letters, digits, '-' and '_'";
  const PERIOD_RULE = 'allowed: a whole number of minutes (load balancer and ECS metrics have 1-minute resolution)';
  test.each<[string, Optional, string]>([
    [
      'a space in dashboardName',
      { dashboardName: 'web service' },
      `dashboardName 'web service' is not a dashboard name; ${NAME_RULE}`,
    ],
    [
      'a dot in dashboardName',
      { dashboardName: 'web.service' },
      `dashboardName 'web.service' is not a dashboard name; ${NAME_RULE}`,
    ],
    [
      'a dashboardName of 256 characters',
      { dashboardName: 'a'.repeat(256) },
      `dashboardName '${'a'.repeat(256)}' is not a dashboard name; ${NAME_RULE}`,
    ],
    ['a period of 30 s', { period: Duration.seconds(30) }, `period 30 s is not allowed; ${PERIOD_RULE}`],
    ['a period of 90 s', { period: Duration.seconds(90) }, `period 90 s is not allowed; ${PERIOD_RULE}`],
    ['a period of 0 s', { period: Duration.seconds(0) }, `period 0 s is not allowed; ${PERIOD_RULE}`],
    ['a blank errorQuery', { errorQuery: ' ' }, "errorQuery ' ' is empty; allowed: a Logs Insights query"],
  ])('rejects %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(`Invalid ServiceDashboard props:\n  - ${message}`);
  });

  test('reports every problem at once', () => {
    expect(() => build({ dashboardName: 'a b', period: Duration.seconds(10), errorQuery: '' })).toThrow(
      [
        'Invalid ServiceDashboard props:',
        "  - dashboardName 'a b' is not a dashboard name; allowed: 1 to 255 letters, digits, '-' and '_'",
        '  - period 10 s is not allowed; allowed: a whole number of minutes (load balancer and ECS metrics have 1-minute resolution)',
        "  - errorQuery '' is empty; allowed: a Logs Insights query",
      ].join('\n'),
    );
  });

  test('dashboardName: any 1 to 255 letters, digits, - and _ pass; any other character is refused', () => {
    const f = fixture();
    const props = {
      service: f.service,
      loadBalancer: f.loadBalancer,
      targetGroup: f.targetGroup,
      logGroup: f.logGroup,
    };
    const allowed = fc.constantFrom(...'abcXYZ0189-_'.split(''));
    let n = 0;
    fc.assert(
      fc.property(fc.array(allowed, { minLength: 1, maxLength: 255 }), (chars) => {
        expect(
          () => new ServiceDashboard(f.stack, `Ok${n++}`, { ...props, dashboardName: chars.join('') }),
        ).not.toThrow();
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(' ', '.', '/', ':', 'é', '*'),
        fc.string({ maxLength: 20 }),
        (before, bad, after) => {
          const dashboardName = `${before}${bad}${after}`;
          expect(() => new ServiceDashboard(f.stack, `Bad${n++}`, { ...props, dashboardName })).toThrow(
            `dashboardName '${dashboardName}' is not a dashboard name`,
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  describe.each(installedNagModules())('under %s', (nagModule) => {
    test.each(FLAG_SETS)('with %s: no finding on the dashboard in the four packs', (flags) => {
      const f = fixture(flags);
      const board = new ServiceDashboard(f.stack, 'Board', {
        service: f.service,
        loadBalancer: f.loadBalancer,
        targetGroup: f.targetGroup,
        logGroup: f.logGroup,
        alarms: [f.alarm('Alarm')],
      });
      expect(formatFindings(nagFindings(board, { module: nagModule }))).toEqual([]);
    });
  });
});
