// STUB: the booking module's tables (issue 4) go here.
export interface BookingTables {}
