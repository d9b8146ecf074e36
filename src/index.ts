export * from './secure-fargate-web-service';
export * from './network/nat-gateways';
export * from './network/spec-subnet-plan';
export * from './network/web-service-network';
export * from './edge/https-load-balancer';
export * from './edge/service-domain';
export * from './service/hardened-fargate-service';
export * from './scaling/service-auto-scaling';
