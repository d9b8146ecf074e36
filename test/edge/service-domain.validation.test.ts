/**
 * Validation of ServiceDomain: every message it reports, with the exact text a user reads, and proof that
 * the same props given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import * as route53 from 'aws-cdk-lib/aws-route53';
import { ServiceDomain, ServiceDomainProps } from '../../src';
import { Acceptance, Rejection, expectOnlyProblem, lazyString, givenReferences } from '../problems';
import { testStack } from '../util';

const given = givenReferences();

function buildDomain(props: Partial<ServiceDomainProps>): ServiceDomain {
  const stack = testStack();
  const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'example.com',
  });
  return new ServiceDomain(stack, 'Domain', { domainName: 'app.example.com', hostedZone, ...props });
}

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('ServiceDomain rejects', () => {
  const rows: Array<Rejection<Partial<ServiceDomainProps>>> = [
    [
      'an empty domainName',
      { domainName: '' },
      "domainName is empty; allowed: a fully qualified name such as 'app.example.com'",
    ],
    [
      'a domainName with a space',
      { domainName: 'my app.example.com' },
      "domainName 'my app.example.com' is not a valid domain name; allowed: a fully qualified name such as 'app.example.com'",
    ],
    [
      'a domainName without a top-level domain',
      { domainName: 'localhost' },
      "domainName 'localhost' is not a valid domain name; allowed: a fully qualified name such as 'app.example.com'",
    ],
    [
      'a domainName that only ends like the zone',
      { domainName: 'badexample.com' },
      "domainName 'badexample.com' is not in hostedZone 'example.com'; allowed: 'example.com' or a name ending in '.example.com'",
    ],
    [
      'a subject alternative name with a label starting in a hyphen',
      { subjectAlternativeNames: ['-www.example.com'] },
      "subjectAlternativeNames entry '-www.example.com' is not a valid domain name; allowed: a fully qualified name such as 'app.example.com'",
    ],
    [
      'a subject alternative name in another zone',
      { subjectAlternativeNames: ['www.example.net'] },
      "subjectAlternativeNames entry 'www.example.net' is not in hostedZone 'example.com'; allowed: 'example.com' or a name ending in '.example.com'",
    ],
    [
      'subjectAlternativeNames with a certificate given',
      { certificate: given.regionalCertificate, subjectAlternativeNames: ['www.example.com'] },
      'subjectAlternativeNames apply to a new certificate, and certificate was given; allowed: one of them',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('ServiceDomain', () => buildDomain(props), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  const domain: Array<Acceptance<Partial<ServiceDomainProps>>> = [
    ['domainName', { domainName: lazyString('not a domain') }],
    ['subjectAlternativeNames entries', { subjectAlternativeNames: [lazyString('www.example.org')] }],
  ];
  test.each(domain)('ServiceDomain: %s', (_, props) => {
    expect(() => buildDomain(props)).not.toThrow();
  });

  test('ServiceDomain: the hosted zone name', () => {
    const stack = testStack();
    const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
      hostedZoneId: 'Z0123456789EXAMPLE',
      zoneName: lazyString('example.org'),
    });
    expect(() => new ServiceDomain(stack, 'Domain', { domainName: 'app.example.com', hostedZone })).not.toThrow();
  });
});
