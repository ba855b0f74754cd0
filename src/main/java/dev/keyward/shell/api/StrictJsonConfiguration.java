package dev.keyward.shell.api;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * API requests bind strictly: each query parameter once, and request bodies strictly: a boolean or number is not text (no service account named "true"), and the
 * {@code spring.jackson.*} settings refuse duplicate keys, text as numbers, 1.5 as 1, unknown fields and anything
 * after the JSON value, and no list holds a null.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    /** After Spring Security (-100): the caller is known, and refused callers learn nothing about the query. */
    @Bean
    FilterRegistrationBean<SingleValuedQueryFilter> singleValuedQueries(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new SingleValuedQueryFilter(json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0);
        return registration;
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer noScalarsAsText() {
        return builder -> builder.postConfigurer(mapper -> {
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
            // No list or map in any request holds a null ("roles": [null] is refused, not a 500 later).
            mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        });
    }
}
