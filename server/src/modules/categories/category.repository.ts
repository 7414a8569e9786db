import type { DataSource, Repository } from 'typeorm';
import { CategoryEntity, type CategoryRow } from '../../db/entities.js';

export class CategoryRepository {
  private readonly repo: Repository<CategoryRow>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(CategoryEntity);
  }

  list(): Promise<CategoryRow[]> {
    return this.repo.find({ order: { sortOrder: 'ASC' } });
  }

  find(slug: string): Promise<CategoryRow | null> {
    return this.repo.findOneBy({ slug });
  }
}
