import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog/catalog.module';
import { CommonModule } from '../../common/common.module';
import { DemoSeeder } from './demo-seeder';

@Module({
  imports: [CommonModule, CatalogModule],
  providers: [DemoSeeder],
})
export class DemoModule {}
