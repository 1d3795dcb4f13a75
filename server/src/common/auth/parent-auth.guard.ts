import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { ParentAccount } from '../../identity/entities/parent-account.entity';
import { ApiError } from '../errors/api-error';
import { principalParam, verifyBearer } from './tokens';

/** Who is calling, as the guard found them: a signed-in parent (from WeChat, or a demo parent). */
export interface ParentPrincipal {
  id: number;
  demo: boolean;
}

type WithParent = FastifyRequest & { parent?: ParentPrincipal };

export const CurrentParent = principalParam('parent');

/** The mirror of StaffAuthGuard: a parent token (never a staff one) whose account still exists. */
@Injectable()
export class ParentAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    @InjectRepository(ParentAccount) private readonly parents: Repository<ParentAccount>,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const request = ctx.switchToHttp().getRequest<WithParent>();
    const id = await verifyBearer(this.jwt, request, 'parent');
    const parent = await this.parents.findOne({ where: { id }, select: { id: true, demo: true } });
    if (!parent) throw new ApiError(401, 'UNAUTHENTICATED', '登录状态无效，请重新登录');
    request.parent = { id: parent.id, demo: parent.demo };
    return true;
  }
}
