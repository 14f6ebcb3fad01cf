import { diffieHellman, generateKeyPairSync } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { sealKeyFromSigningKey, x25519PublicFromRaw } from '../../../src/core/keys/sealKey'

describe('the district seal key derived from its signing key', () => {
  test('is the same key each time, a working X25519 pair, and another signing key gives another', () => {
    const { privateKey } = generateKeyPairSync('ed25519')
    const a = sealKeyFromSigningKey(privateKey)
    expect(sealKeyFromSigningKey(privateKey).publicKey).toBe(a.publicKey)
    expect(a.publicRaw).toHaveLength(32)
    expect(a.sealKeyId).toMatch(/^[0-9a-f]{16}$/)
    const eph = generateKeyPairSync('x25519')
    const sent = diffieHellman({ privateKey: eph.privateKey, publicKey: x25519PublicFromRaw(a.publicRaw) })
    const opened = diffieHellman({ privateKey: a.privateKey, publicKey: eph.publicKey })
    expect(sent.equals(opened)).toBe(true)
    expect(sealKeyFromSigningKey(generateKeyPairSync('ed25519').privateKey).publicKey).not.toBe(a.publicKey)
  })
})
