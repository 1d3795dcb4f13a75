import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { StaffAccountsController } from './staff-accounts.controller';
import { StaffAccountsService } from './staff-accounts.service';

@Module({
  imports: [CommonModule],
  controllers: [AuthController, StaffAccountsController],
  providers: [AuthService, LoginThrottleService, StaffAccountsService],
})
export class IdentityModule {}
