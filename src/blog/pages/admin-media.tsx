import type { StoredImage, ViewContext } from '../../web/index.ts';
import { AdminLayout, CsrfField, ErrorSummary, FormActions } from '../../web/index.ts';

/** /admin/media: upload an image, then copy its Markdown into an article. */
export function MediaPage({
  ctx,
  images,
  videos,
  error,
  notice,
}: {
  ctx: ViewContext;
  images: StoredImage[];
  videos: string[];
  error?: string | undefined;
  notice?: string | undefined;
}) {
  return (
    <AdminLayout ctx={ctx} title="Images and videos" notice={notice}>
      <p class="lead">
        Upload a photo or picture once; it is made ready for phones and large screens and loads fast. Then copy its line
        into an article and describe what it shows.
      </p>
      <ErrorSummary errors={error ? { file: error } : {}} labels={{ file: 'Image or video' }} />
      <form method="post" action="/admin/media" enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        <div class={error ? 'field has-error' : 'field'}>
          <label for="f-file">Image or video</label>
          <p class="hint" id="h-file">
            Images: JPEG, PNG, WebP, AVIF or GIF. Videos: MP4 or WebM, up to 200 MB.
          </p>
          <input
            id="f-file"
            name="file"
            type="file"
            accept="image/*,video/mp4,video/webm"
            required
            aria-describedby="h-file"
          />
        </div>
        <FormActions>
          <button type="submit" class="button">
            Upload
          </button>
        </FormActions>
      </form>
      {videos.length ? (
        <>
          <h2>Videos</h2>
          <p>Paste an address into an article's Video field.</p>
          <ul>
            {videos.map((v) => (
              <li>
                <code>{v}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Images</h2>
      {images.length ? (
        <table class="data">
          <caption class="visually-hidden">Uploaded images, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Image</th>
              <th scope="col">Size</th>
              <th scope="col">Line to paste into an article</th>
            </tr>
          </thead>
          <tbody>
            {images.map((img) => (
              <tr>
                <td data-label="Image">
                  <img
                    src={img.src.replace(/-\d+x\d+\.jpg$/, '-480.jpg')}
                    alt=""
                    width={120}
                    height={Math.round((120 * img.height) / img.width)}
                    loading="lazy"
                  />
                </td>
                <td data-label="Size">
                  {img.width} × {img.height}
                </td>
                <td data-label="Line to paste into an article">
                  <code>{`![Describe the image](${img.src})`}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No images yet.</p>
      )}
    </AdminLayout>
  );
}
