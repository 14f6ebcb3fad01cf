import { v7 } from 'uuid'

/** UUID v7: time-ordered, so rows from many stations merge at the district without clashes. */
export const newId = (): string => v7()
