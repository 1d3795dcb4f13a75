import type { NoticeCorrection } from '../entities/notice-correction.entity';

/** A correction's row as the catalog hands it to publishing (a plain object type, never the entity class). */
export type CorrectionRecord = { [K in keyof NoticeCorrection]: NoticeCorrection[K] };
