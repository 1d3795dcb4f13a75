import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { WechatModule } from '../wechat/wechat.module';
import { AccountSessionsModule } from './account-sessions';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginThrottleService } from './login-throttle.service';
import { ParentAccountsRepository } from './parent-accounts.repository';
import { ParentAuthService } from './parent-auth.service';
import { ParentPersonalData } from './parent-personal-data';
import { ParentsController } from './parents.controller';
import { StaffAccountsController } from './staff-accounts.controller';
import { StaffAccountsRepository } from './staff-accounts.repository';
import { StaffAccountsService } from './staff-accounts.service';
import { UnitsRepository } from './units.repository';
import { UnitsService } from './units.service';

@Module({
  imports: [CommonModule, WechatModule, AccountSessionsModule],
  controllers: [AuthController, StaffAccountsController, ParentsController],
  providers: [AuthService, LoginThrottleService, LoginThrottleRepository, StaffAccountsService, StaffAccountsRepository, ParentAuthService, ParentAccountsRepository, ParentPersonalData, UnitsService, UnitsRepository],
  exports: [UnitsService, StaffAccountsService],
})
export class IdentityModule {}
