import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, CodedError } from './errors.ts';

/** An uploaded file as a multipart form's body holds it. */
export interface Upload {
  filename: string;
  bytes: Buffer;
  /** Cut at the size limit: the person is told the file is too large, with the rest of the form kept. */
  truncated: boolean;
}

const isUpload = (v: unknown): v is Upload =>
  typeof v === 'object' && v !== null && 'bytes' in v && Buffer.isBuffer((v as Upload).bytes);

/** The file posted under `name`, if one was chosen (a browser sends an empty part when none is). */
export function uploadOf(request: FastifyRequest, name: string): Upload | undefined {
  const file = (request.body as Record<string, unknown> | undefined)?.[name];
  return isUpload(file) && file.bytes.length > 0 ? file : undefined;
}

/** Said for a multipart body the parser cannot read (no boundary, cut short): a broken client, not the person. */
export const MULTIPART_UNREADABLE =
  'We could not read the form as it was sent, so nothing was saved. Please reload the page and send it again.';

/**
 * Multipart forms in the caller's scope only (register it inside a route plugin). Text fields land
 * on the body as strings, so the CSRF check and `handleForm` read them as from any form; each file
 * becomes an `Upload` (read `uploadOf`), one cut at `fileSize` marked truncated rather than refused,
 * so the form can come back with what was typed. A body the parser cannot read answers 400 in plain
 * words instead of the parser's bare error (a 500).
 */
export async function acceptMultipartForms(
  app: FastifyInstance,
  limits: { fileSize: number; files: number; fields: number; fieldSize: number },
): Promise<void> {
  // Errors between the start of body reading and the handler's hooks come from the parser.
  const reading = new WeakSet<FastifyRequest>();
  app.addHook('preParsing', async (request) => {
    reading.add(request);
  });
  app.addHook('preHandler', async (request) => {
    reading.delete(request);
  });
  app.setErrorHandler((error: FastifyError, request) => {
    const fromParser =
      reading.has(request) &&
      !(error instanceof CodedError) &&
      typeof error.statusCode !== 'number' &&
      request.isMultipart();
    // Thrown on: the app's own error handler renders it, with everything else it knows.
    throw fromParser ? new AppError('bad_input', MULTIPART_UNREADABLE) : error;
  });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits,
    onFile: async (part) => {
      const bytes = await part.toBuffer();
      part.value = { filename: part.filename, bytes, truncated: part.file.truncated } satisfies Upload;
    },
  });
}
