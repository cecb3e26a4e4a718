import { settleAll } from './global-setup';

describe('settleAll (global setup: a failed synth waits for the others before the run stops)', () => {
  test('rejects with the first failure only after every task has finished', async () => {
    let slowFinished = false;
    const slow = new Promise<void>((resolve) =>
      setTimeout(() => {
        slowFinished = true;
        resolve();
      }, 50),
    );
    const failing = Promise.reject(new Error('synth of default.out failed'));

    await expect(settleAll([failing, slow])).rejects.toThrow('synth of default.out failed');
    expect(slowFinished).toBe(true);
  });

  test('resolves when every task succeeds', async () => {
    await expect(settleAll([Promise.resolve(1), Promise.resolve(2)])).resolves.toBeUndefined();
  });
});
