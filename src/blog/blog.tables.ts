import type { Selectable } from 'kysely';

export type PostStatus = 'draft' | 'scheduled' | 'published' | 'trashed';
export type AuthorCta = 'book' | 'guide' | 'contact';

/** An article (or video post) the coach writes in Markdown. */
export interface PostsTable {
  id: string;
  slug: string;
  title: string;
  excerpt: string;
  body_md: string;
  status: PostStatus;
  /** When a scheduled post goes live. */
  publish_at: number | null;
  /** When it first went live; kept through unpublish so a re-publish keeps its date. */
  published_at: number | null;
  author_id: string | null;
  /** Empty means: use the title / excerpt. */
  seo_title: string;
  seo_description: string;
  /** Empty means: the generated card. */
  og_image_url: string;
  og_image_alt: string;
  noindex: number;
  /** A YouTube or Vimeo address, or an uploaded file under /media/; empty for articles. */
  video_url: string;
  video_duration_seconds: number | null;
  created_at: number;
  updated_at: number;
}

/** Who wrote a post: the coach (linked to her account) or a guest author profile. */
export interface BlogAuthorsTable {
  id: string;
  slug: string;
  name: string;
  bio_md: string;
  photo_url: string;
  /** [{ label, url }] */
  links_json: string;
  /** The call to action under the author's bio. */
  cta: AuthorCta;
  user_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface TagsTable {
  id: string;
  slug: string;
  name: string;
  created_at: number;
}

export interface PostTagsTable {
  post_id: string;
  tag_id: string;
}

/** A reader who asked for new articles by email (double opt-in). */
export interface BlogSubscribersTable {
  id: string;
  email: string;
  status: 'pending' | 'active' | 'unsubscribed';
  created_at: number;
  confirmed_at: number | null;
  unsubscribed_at: number | null;
}

/** An article's generated preview card (PNG), made at publish; absent when the coach uploaded one. */
export interface PostOgImagesTable {
  post_id: string;
  /** ogVersion() of what is drawn: the same string as in the image's address. */
  version: string;
  png: Buffer;
  width: number;
  height: number;
  created_at: number;
}

/** SQLite only: the FTS5 index written beside each post. */
export interface PostsFtsTable {
  post_id: string;
  title: string;
  body: string;
}

export interface BlogTables {
  posts: PostsTable;
  blog_authors: BlogAuthorsTable;
  tags: TagsTable;
  post_tags: PostTagsTable;
  posts_fts: PostsFtsTable;
  blog_subscribers: BlogSubscribersTable;
  post_og_images: PostOgImagesTable;
}

export type Post = Selectable<PostsTable>;
export type BlogAuthor = Selectable<BlogAuthorsTable>;
export type Tag = Selectable<TagsTable>;

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends BlogTables {}
}
