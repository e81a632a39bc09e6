// STUB: the guide module's tables (issue 3) go here.
export interface GuideTables {}
