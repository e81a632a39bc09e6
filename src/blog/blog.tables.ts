// STUB: the blog module's tables (issue 5) go here.
export interface BlogTables {}
