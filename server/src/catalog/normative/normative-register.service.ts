import { Injectable } from '@nestjs/common';
import type { NormativeItem, NormativeRegister, Table2DocumentColumn } from '@gongkai/shared';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import type { RequestMeta } from '../../common/http/request-meta';

/** The 规范性文件 register: a view over the notices marked normative, and marking their repeal. */
@Injectable()
export class NormativeRegisterService {
  /** The register as of `year`'s end. */
  async register(year: number): Promise<NormativeRegister> {
    void year;
    throw new Error('not yet built');
  }

  /** Table 二's 行政规范性文件 row of `year`. */
  async counts(year: number): Promise<Record<Table2DocumentColumn, number>> {
    void year;
    throw new Error('not yet built');
  }

  /** Marks (or with null, undoes) a normative notice's repeal. */
  async markRepeal(staff: StaffPrincipal, noticeId: number, repealedOn: string | null, meta: RequestMeta): Promise<NormativeItem> {
    void staff;
    void noticeId;
    void repealedOn;
    void meta;
    throw new Error('not yet built');
  }
}
