import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OaCallbackService } from './oa-callback.service';

/** Outside /api/v1: the address entered in the 公众号 console (服务器配置 → 服务器地址(URL)). */
export const OA_CALLBACK_PATH = 'wechat/official-account';

@ApiExcludeController()
@Controller(OA_CALLBACK_PATH)
export class OaCallbackController {
  constructor(private readonly callback: OaCallbackService) {}

  @Get()
  verify(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): string {
    const answer = this.callback.verify(query);
    void reply.type(answer.contentType);
    return answer.body;
  }

  @Post()
  @HttpCode(200)
  async receive(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const answer = await this.callback.receive(query, request.body);
    void reply.type(answer.contentType);
    return answer.body;
  }
}
