package dev.pertinence.common.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test sends requests the contract forbids on purpose (to see them refused): ContractValidation
 * still checks every response against openapi.yaml, but not the requests. On a class or a method.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface InvalidRequests {
}
