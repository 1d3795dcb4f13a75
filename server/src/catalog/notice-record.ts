import type { Notice } from './entities/notice.entity';

/**
 * A notice's row as the catalog hands it to the modules above it (publishing): the entity's
 * columns as a plain object type, so they name the catalog's services, never its entity class.
 */
export type NoticeRecord = { [K in keyof Notice]: Notice[K] };
