import { Stack } from 'aws-cdk-lib';
import { SecureFargateWebService } from '../src';
import { formatFindings, installedNagModules, nagFindings } from './nag/harness';
import {
  completeConfiguration,
  CONFIGURATIONS,
  ENVIRONMENTS,
  US_EAST_1_CLOUDFRONT,
} from './nag/web-service-configurations';
import { FLAG_SETS, testApp } from './util';

describe.each(installedNagModules())('SecureFargateWebService under %s', (nagModule) => {
  describe.each(FLAG_SETS)('with %s', (flags) => {
    describe.each(ENVIRONMENTS)('%s', (_env, stackProps) => {
      test.each(CONFIGURATIONS)('%s: no unacknowledged finding in the four packs', (name, configure) => {
        const stack = new Stack(testApp(flags), 'Web', stackProps);
        completeConfiguration(name, new SecureFargateWebService(stack, 'Service', configure(stack)));
        expect(formatFindings(nagFindings(stack, { module: nagModule }))).toEqual([]);
      });
    });

    const [name, stackProps, configure] = US_EAST_1_CLOUDFRONT;
    test(`${name}: no unacknowledged finding in the four packs`, () => {
      const stack = new Stack(testApp(flags), 'Web', stackProps);
      new SecureFargateWebService(stack, 'Service', configure(stack));
      expect(formatFindings(nagFindings(stack, { module: nagModule }))).toEqual([]);
    });
  });
});
