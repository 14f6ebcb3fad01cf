import { randomBytes } from 'node:crypto'
import type { Role } from '../../api/contract'

export interface Session {
  id: string
  userId: string | null
  username: string
  displayName: string
  role: Role
  /** the CLI operator holds admin and head rights at once */
  roles: readonly Role[]
  /** audit name: the username, or cli:<os user> */
  actor: string
  lastActivity: number
  locked: boolean
}

/** Sessions live in the backend only; a transport holds just the opaque id. */
export class SessionStore {
  private sessions = new Map<string, Session>()

  create(s: Omit<Session, 'id' | 'locked'>): Session {
    const session: Session = { ...s, id: randomBytes(32).toString('base64url'), locked: false }
    this.sessions.set(session.id, session)
    return session
  }
  get(id: string | null | undefined): Session | undefined {
    return id ? this.sessions.get(id) : undefined
  }
  delete(id: string): void {
    this.sessions.delete(id)
  }
  deleteForUser(userId: string): void {
    for (const [id, s] of this.sessions) if (s.userId === userId) this.sessions.delete(id)
  }
  clear(): void {
    this.sessions.clear()
  }
}
