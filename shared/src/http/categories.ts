import { Type, type Static } from '@sinclair/typebox';

export const CategorySlugSchema = Type.String({ pattern: '^[a-z0-9-]{2,32}$' });

export const CategorySchema = Type.Object(
  { slug: CategorySlugSchema, nameKo: Type.String(), nameEn: Type.String(), liveCount: Type.Integer({ minimum: 0 }) },
  { $id: 'Category' },
);
export type Category = Static<typeof CategorySchema>;

export const CategoryListSchema = Type.Object({ categories: Type.Array(CategorySchema) });
export type CategoryList = Static<typeof CategoryListSchema>;
