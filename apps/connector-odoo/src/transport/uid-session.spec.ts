import { PermanentError } from '@hub/resilience';
import { uidSession } from './uid-session';

const accessDenied = () => new PermanentError('ODOO_ACCESS_DENIED', 'Access Denied');

describe('uidSession', () => {
  it('logs in once for concurrent calls', async () => {
    let logins = 0;
    const session = uidSession(() => Promise.resolve(++logins));
    const uids = await Promise.all([1, 2, 3].map(() => session.use((uid) => Promise.resolve(uid))));
    expect(uids).toEqual([1, 1, 1]);
    expect(logins).toBe(1);
  });

  it('logs in again once after AccessDenied and repeats the call; a second denial stands', async () => {
    let logins = 0;
    const session = uidSession(() => Promise.resolve(++logins));
    await expect(
      session.use((uid) => (uid === 1 ? Promise.reject(accessDenied()) : Promise.resolve(uid))),
    ).resolves.toBe(2);
    await expect(session.use(() => Promise.reject(accessDenied()))).rejects.toMatchObject({
      code: 'ODOO_ACCESS_DENIED',
    });
    expect(logins).toBe(3);
  });

  it('forgets a failed login so the next call tries again', async () => {
    let attempts = 0;
    const session = uidSession(() =>
      ++attempts === 1 ? Promise.reject(new Error('network down')) : Promise.resolve(7),
    );
    await expect(session.use((uid) => Promise.resolve(uid))).rejects.toThrow('network down');
    await expect(session.use((uid) => Promise.resolve(uid))).resolves.toBe(7);
  });
});
