// STUB
import type { Deps } from '../deps.ts';
export async function seedDemoContent(_deps: Deps): Promise<boolean> { return false; }
