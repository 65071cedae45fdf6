import type { INestApplicationContext, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IS_AUTHENTICATED, IS_PUBLIC, REQUIRED_ROLES } from './access-policy.decorators';

export interface UnmarkedRoute {
  controller: string;
  handler: string;
  method: string;
  path: string;
}

function marked(target: object): boolean {
  return [IS_PUBLIC, REQUIRED_ROLES, IS_AUTHENTICATED].some((key) => Reflect.getMetadata(key, target) !== undefined);
}

/**
 * Every route of the application whose access policy is not written down: neither the handler nor its
 * controller carries `@Public()`, `@Roles(...)` or `@Authenticated()`. The guard still treats such a route
 * as authenticated (secure default); this audit makes the intent explicit for review. Services call it
 * in a test and expect `[]`.
 */
export function findRoutesWithoutAccessPolicy(app: INestApplicationContext): UnmarkedRoute[] {
  const scanner = new MetadataScanner();
  const result: UnmarkedRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller || !wrapper.instance) continue;
      const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, object>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (path === undefined) continue;
        if (marked(handler) || marked(controller)) continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
        result.push({
          controller: controller.name,
          handler: name,
          method: RequestMethod[method],
          path: `/${[base, path].flat().filter(Boolean).join('/')}`.replace(/\/+/g, '/'),
        });
      }
    }
  }
  return result;
}
