import { Injectable } from '@nestjs/common';

/** STUB (groundwork): jieba segmentation and folding. */
@Injectable()
export class Segmenter {}
