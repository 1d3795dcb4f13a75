import { randomBytes } from 'node:crypto';
import type { FakeReply } from '../fake-http-server';

/** Access tokens of `/cgi-bin/stable_token`, remembered with their expiry. */
export class StableTokens {
  private readonly live = new Map<string, number>();

  constructor(
    /** `expires_in` of tokens issued from now on, in seconds. */
    public expiresIn: number,
  ) {}

  /** A new token; `force` (force_refresh) revokes every earlier one, as WeChat does. */
  issue(force: boolean): FakeReply {
    if (force) this.live.clear();
    const token = `FAKE_${randomBytes(48).toString('base64url')}`;
    this.live.set(token, Date.now() + this.expiresIn * 1000);
    return { body: { access_token: token, expires_in: this.expiresIn } };
  }

  valid(token: string | undefined): boolean {
    return this.check(token) === 'ok';
  }

  /** What WeChat says of a token: accepted, never issued or revoked (40001), or expired (42001). */
  check(token: string | undefined): 'ok' | 'invalid' | 'expired' {
    const until = token ? this.live.get(token) : undefined;
    if (until === undefined) return 'invalid';
    return Date.now() < until ? 'ok' : 'expired';
  }

  /** WeChat stops accepting every token handed out so far (as after a force_refresh elsewhere). */
  revokeAll(): void {
    this.live.clear();
  }
}
