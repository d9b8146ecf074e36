import * as fs from 'fs';
import * as path from 'path';
import { toCamelCase } from 'codemaker';
import { assemblyNames } from '../../projenrc/python-names';

// jsii-pacmak names a Java builder's methods with codemaker's toCamelCase, which rewrites runs of capitals
// (`dataTransferOutGB` -> `dataTransferOutGb`) and a letter after a digit (`http5xx` -> `http5Xx`), while
// the getters, the translated examples and the API docs keep the TypeScript name. A name that toCamelCase
// keeps is spelt the same everywhere.
describe('Java names', () => {
  const assembly = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '.jsii'), 'utf8'));

  test('the builder spelling of a name that toCamelCase rewrites differs from the TypeScript name', () => {
    expect(toCamelCase('dataTransferOutGB')).toBe('dataTransferOutGb');
    expect(toCamelCase('http5xx')).toBe('http5Xx');
  });

  test('every member and parameter name of the library is spelt the same in its Java builders', () => {
    // (constants, such as MAX_AZS, are Java constants of the same name)
    const names = [...assemblyNames(assembly)].filter((name) => !/^[A-Z][A-Z0-9_]*$/.test(name));
    expect(names).toContain('memoryLimitMiB');
    expect(names.filter((name) => toCamelCase(name) !== name)).toEqual([]);
  });
});
