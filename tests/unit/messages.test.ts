import { describe, expect, it } from 'vitest';
import { CHANNEL, isDataChanged, MessageError, request } from '../../utils/messages';

describe('request', () => {
  it('sends one envelope on our channel and unwraps the reply', async () => {
    const sent: unknown[] = [];
    const runtime = {
      sendMessage: async (m: unknown) => {
        sent.push(m);
        return { ok: true, data: { version: 1 } };
      },
    };
    expect(await request(runtime, 'getDataStatus', {})).toEqual({ version: 1 });
    expect(sent).toEqual([{ channel: CHANNEL, type: 'getDataStatus', payload: {} }]);
  });

  it('turns an error reply, and no reply, into a MessageError the UI can show', async () => {
    await expect(
      request({ sendMessage: async () => ({ ok: false, error: 'nope' }) }, 'getDataStatus', {}),
    ).rejects.toThrow(new MessageError('nope'));
    await expect(request({ sendMessage: async () => undefined }, 'getDataStatus', {})).rejects.toThrow(
      /no reply to "getDataStatus"/,
    );
  });
});

describe('isDataChanged', () => {
  it('knows the background’s notice and nothing else', () => {
    expect(isDataChanged({ channel: CHANNEL, notice: 'data-changed', version: 2 })).toBe(true);
    expect(isDataChanged({ channel: 'other', notice: 'data-changed' })).toBe(false);
    expect(isDataChanged({ channel: CHANNEL, type: 'getDataStatus' })).toBe(false);
    expect(isDataChanged(null)).toBe(false);
  });
});
