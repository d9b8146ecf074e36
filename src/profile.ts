import * as logs from 'aws-cdk-lib/aws-logs';
import { Firewall } from './edge/firewall';
import { NatGateways } from './network/nat-gateways';
import { CapacityMix } from './service/capacity-mix';

/** What a profile sets where a prop is not given; undefined leaves the block's own default. */
interface ProfileDefaults {
  readonly natGateways?: NatGateways;
  readonly deletionProtection?: boolean;
  readonly firewall: Firewall;
  readonly capacity?: CapacityMix;
  readonly logRetention?: logs.RetentionDays;
  readonly minCapacity?: number;
}

/**
 * A set of defaults for a kind of environment. Any prop given explicitly wins over its profile.
 *
 * @example
 * declare const image: ecs.ContainerImage;
 * declare const certificate: acm.ICertificate;
 *
 * new SecureFargateWebService(this, 'Preview', {
 *   image,
 *   certificate,
 *   profile: WebServiceProfile.DEVELOPMENT,
 * });
 */
export class WebServiceProfile {
  /**
   * Highly available values, the blocks' own defaults: a NAT gateway per Availability Zone, on-demand
   * Fargate, load balancer deletion protection, AWS WAF (`Firewall.managed()`), container logs kept 30 days.
   */
  public static readonly PRODUCTION = new WebServiceProfile('production', { firewall: Firewall.managed() });

  /**
   * Cheaper values for development: one NAT instance (`NatGateways.instance({ count: 1 })`) instead of NAT
   * gateways, one task on demand (`minCapacity` 1; auto scaling adds Spot-weighted tasks up to `maxCapacity`),
   * container logs kept 7 days, no deletion protection, no AWS WAF (`Firewall.none()`).
   */
  public static readonly DEVELOPMENT = new WebServiceProfile('development', {
    natGateways: NatGateways.instance({ count: 1 }),
    minCapacity: 1,
    deletionProtection: false,
    firewall: Firewall.none(),
    capacity: CapacityMix.spotWeighted(),
    logRetention: logs.RetentionDays.ONE_WEEK,
  });

  /** The profile's name: `production` or `development`. */
  public readonly name: string;

  private readonly defaults: ProfileDefaults;

  private constructor(name: string, defaults: ProfileDefaults) {
    this.name = name;
    this.defaults = defaults;
  }

  /**
   * The NAT strategy of a new VPC, unless given.
   * @internal
   */
  public _natGateways(given: NatGateways | undefined): NatGateways | undefined {
    return given ?? this.defaults.natGateways;
  }

  /**
   * Whether the load balancer is protected from deletion, unless given.
   * @internal
   */
  public _deletionProtection(given: boolean | undefined): boolean | undefined {
    return given ?? this.defaults.deletionProtection;
  }

  /**
   * The web ACL choice, unless given.
   * @internal
   */
  public _firewall(given: Firewall | undefined): Firewall {
    return given ?? this.defaults.firewall;
  }

  /**
   * The Fargate capacity mix, unless given.
   * @internal
   */
  public _capacity(given: CapacityMix | undefined): CapacityMix | undefined {
    return given ?? this.defaults.capacity;
  }

  /**
   * The fewest tasks auto scaling keeps, unless given.
   * @internal
   */
  public _minCapacity(given: number | undefined): number | undefined {
    return given ?? this.defaults.minCapacity;
  }

  /**
   * How long container logs are kept, unless given.
   * @internal
   */
  public _logRetention(given: logs.RetentionDays | undefined): logs.RetentionDays | undefined {
    return given ?? this.defaults.logRetention;
  }
}
