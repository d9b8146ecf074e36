import { App, AppProps, Stack, StackProps } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';

/** The feature flags a consumer's app may carry: none, or those a new `cdk init` app gets. */
export type FlagSet = 'no flags' | 'cdk init flags';
export const FLAG_SETS: FlagSet[] = ['no flags', 'cdk init flags'];

/**
 * A unit-test app: aws-cdk-lib's built-in CloudFormation validation (newer releases run it on every
 * synth) is switched off here; the example and integration tests keep it on.
 */
export function testApp(flags: FlagSet = 'no flags', props: AppProps = {}): App {
  const context = flags === 'cdk init flags' ? { ...cxapi.CURRENTLY_RECOMMENDED_FLAGS } : {};
  return new App({
    ...props,
    context: { ...context, ...props.context },
    // Unknown to the minimum aws-cdk-lib, which has no built-in validation to switch off.
    ...({ builtinCloudFormationValidation: false } as AppProps),
  });
}

/** A stack in a fresh test app. */
export function testStack(props: StackProps = {}, flags: FlagSet = 'no flags'): Stack {
  return new Stack(testApp(flags), 'Test', props);
}

/** A stack pinned to an account and region (the example's region is the spec's us-west-2). */
export function pinnedStack(flags: FlagSet = 'no flags'): Stack {
  return testStack({ env: { account: '123456789012', region: 'us-west-2' } }, flags);
}
