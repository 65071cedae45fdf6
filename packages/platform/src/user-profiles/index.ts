export * from './person.dto';
export * from './user-profiles.module';
export * from './user-profiles.sql';
