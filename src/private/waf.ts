import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import type { FirewallChoice } from './edge-checks';
import type { HttpsLoadBalancer } from '../edge/https-load-balancer';
import { WebApplicationFirewall } from '../edge/web-application-firewall';

/**
 * Associates a web ACL with the load balancer of `edge`: a new one (`Firewall` under `scope`, with
 * `firewall`'s settings) or the one `webAclArn` names. With `on` false, acknowledges the missing web ACL
 * on the load balancer instead. Returns the web ACL created, if any.
 */
export function protectWithWaf(
  scope: Construct,
  edge: HttpsLoadBalancer,
  props: FirewallChoice,
  on: boolean,
): WebApplicationFirewall | undefined {
  if (!on) {
    for (const pack of ['NIST.800.53.R5', 'PCI.DSS.321']) {
      acknowledge(
        edge.loadBalancer,
        `${pack}-ALBWAFEnabled`,
        'AWS WAF was turned off by configuration (waf: false), as for a development environment.',
      );
    }
    return undefined;
  }
  const firewall =
    props.webAclArn === undefined ? new WebApplicationFirewall(scope, 'Firewall', props.firewall) : undefined;
  new wafv2.CfnWebACLAssociation(edge, 'WebAclAssociation', {
    resourceArn: edge.loadBalancer.loadBalancerArn,
    webAclArn: firewall?.webAclArn ?? props.webAclArn!,
  });
  return firewall;
}
