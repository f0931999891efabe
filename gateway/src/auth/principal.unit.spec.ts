import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenRejected, bearerToken, createTokenVerifier } from './principal.js';

const claims = { groupId: 'g1', storeIds: ['s1'], roles: ['consultant'] };

describe('bearer tokens', () => {
  it('verifies RS256 tokens with the public key, and refuses HS256 ones signed with that key as a secret', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const pem = await exportSPKI(publicKey);
    const verify = await createTokenVerifier({ publicKey: pem, issuer: 'rooftop-idp' });
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('u1')
      .setIssuer('rooftop-idp')
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await verify(token)).toEqual({ subject: 'u1', groupId: 'g1', storeIds: ['s1'], roles: ['consultant'] });

    // The classic algorithm-confusion attack: the public key used as an HMAC secret.
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('rooftop-idp')
      .sign(new TextEncoder().encode(pem));
    await expect(verify(confused)).rejects.toBeInstanceOf(TokenRejected);
    const otherIssuer = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).setSubject('u1').setIssuer('elsewhere').sign(privateKey);
    await expect(verify(otherIssuer)).rejects.toBeInstanceOf(TokenRejected);
  });

  it('refuses tokens without the Rooftop claims', async () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters';
    const verify = await createTokenVerifier({ secret });
    const sign = (payload: Record<string, unknown>) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setExpirationTime('5m').sign(new TextEncoder().encode(secret));
    await expect(verify(await sign({ ...claims, roles: [] }))).rejects.toThrow(/roles/);
    await expect(verify(await sign({ ...claims, storeIds: 'all' }))).rejects.toThrow(/storeIds/);
    await expect(verify(await sign({ storeIds: '*', roles: ['admin'] }))).rejects.toThrow(/groupId/);
    expect(await verify(await sign({ ...claims, storeIds: '*' }))).toMatchObject({ storeIds: '*' });
  });

  it('remembers a verified token, never a refused one: a tampered or expired token is refused every time', async () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters';
    const verify = await createTokenVerifier({ secret });
    const key = new TextEncoder().encode(secret);
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setExpirationTime('5m').sign(key);
    const first = await verify(token);
    expect(await verify(token)).toBe(first);
    const tampered = `${token.slice(0, token.lastIndexOf('.') + 1)}${'A'.repeat(43)}`;
    await expect(verify(tampered)).rejects.toBeInstanceOf(TokenRejected);
    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    await expect(verify(expired)).rejects.toBeInstanceOf(TokenRejected);
    await expect(verify(expired)).rejects.toBeInstanceOf(TokenRejected);
  });

  it('needs an expiry within the longest lifetime, and refuses the roles only timers and reactions hold', async () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters';
    const verify = await createTokenVerifier({ secret, maxLifetimeSeconds: 3600 });
    const key = new TextEncoder().encode(secret);
    const token = (payload: Record<string, unknown>) => new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setSubject('u1');
    const reasonOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error: unknown) => (error instanceof TokenRejected ? (error.reason ?? error.message) : 'thrown'),
      );
    expect(await reasonOf(verify(await token(claims).sign(key)))).toBe('NO_EXPIRY');
    expect(await reasonOf(verify(await token(claims).setIssuedAt().setExpirationTime('2h').sign(key)))).toBe('LIFETIME_TOO_LONG');
    // Without iat, the time left counts; an iat in the future does not shorten it.
    expect(await reasonOf(verify(await token(claims).setExpirationTime('2h').sign(key)))).toBe('LIFETIME_TOO_LONG');
    const now = Math.floor(Date.now() / 1000);
    expect(
      await reasonOf(
        verify(
          await token(claims)
            .setIssuedAt(now + 7200)
            .setExpirationTime(now + 7300)
            .sign(key),
        ),
      ),
    ).not.toBe('accepted');
    expect(await reasonOf(verify(await token(claims).setIssuedAt().setExpirationTime('59m').sign(key)))).toBe('accepted');
    for (const roles of [['system'], ['consultant', 'system']]) {
      expect(
        await reasonOf(
          verify(
            await token({ ...claims, roles })
              .setIssuedAt()
              .setExpirationTime('5m')
              .sign(key),
          ),
        ),
      ).toBe('RESERVED_ROLE');
    }
  });

  it('reads only "Bearer <jwt>" headers', () => {
    expect(bearerToken(null)).toBeUndefined();
    expect(bearerToken('bearer a.b.c')).toBe('a.b.c');
    expect(() => bearerToken('Basic dXNlcjpwYXNz')).toThrow(TokenRejected);
  });
});
