import { Logger } from '@nestjs/common';
import { EventBus } from './event-bus';

describe('EventBus', () => {
  it('delivers typed payloads to every subscriber, after emit returns, and stops after unsubscribe', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const bus = new EventBus();
    const seen: string[] = [];
    const off = bus.on('notice.published', (e) => void seen.push(`a:${e.noticeId}:${e.scheduled}`));
    bus.on('notice.published', () => {
      throw new Error('a broken subscriber');
    });
    bus.on('notice.withdrawn', (e) => void seen.push(`w:${e.reason}`));
    bus.emit('notice.published', { noticeId: 1, publishedAt: new Date().toISOString(), scheduled: false });
    expect(seen).toEqual([]);
    await new Promise((r) => setImmediate(r));
    bus.emit('notice.withdrawn', { noticeId: 1, reason: '有误' });
    off();
    bus.emit('notice.published', { noticeId: 2, publishedAt: new Date().toISOString(), scheduled: true });
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['a:1:false', 'w:有误']);
    expect(logged).toHaveBeenCalledTimes(2);
    logged.mockRestore();
  });
});
