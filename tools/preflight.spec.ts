import { describe, expect, it } from '@jest/globals';
import { missingPrerequisites, type Machine } from './preflight';

const everything: Machine = {
  env: {},
  fileExists: () => true,
  commandExists: () => true,
};

describe('npm test preflight', () => {
  it('passes a machine that has Chromium, Java and Maven', () => {
    expect(missingPrerequisites(everything)).toEqual([]);
  });

  it('names Chromium and how to install it when it is missing', () => {
    const missing = missingPrerequisites({ ...everything, fileExists: () => false });
    expect(missing).toEqual([expect.stringContaining('apt-get install chromium')]);
    expect(missing[0]).toContain('/usr/bin/chromium');
  });

  it('looks for Chromium where CHROMIUM_PATH says', () => {
    const seen: string[] = [];
    missingPrerequisites({
      ...everything,
      env: { CHROMIUM_PATH: '/opt/chromium' },
      fileExists: (path) => {
        seen.push(path);
        return true;
      },
    });
    expect(seen).toEqual(['/opt/chromium']);
  });

  it('asks for Java and Maven only when no running stack is given', () => {
    const bare = { ...everything, commandExists: () => false };
    expect(missingPrerequisites(bare)).toHaveLength(2);
    const given = {
      ...bare,
      env: {
        KAFKA_BROKERS: 'k:9092',
        SCHEMA_REGISTRY_URL: 'http://r',
        DATABASE_URL: 'postgres://p',
      },
    };
    expect(missingPrerequisites(given)).toEqual([]);
  });
});
