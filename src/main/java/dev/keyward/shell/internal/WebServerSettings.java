package dev.keyward.shell.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The embedded Tomcat: what Tomcat refuses itself is answered as a problem detail on /api; an encoded slash in a path is passed on to Spring Security's firewall, which refuses it with
 * a problem detail, instead of Tomcat's own HTML error page; a body read waits at most {@code readTimeout} for the
 * next piece, and the {@link RequestBodyGuard} reads every body first, within its limits.
 */
@Configuration(proxyBeanMethods = false)
class WebServerSettings {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatLimits(HttpLimits limits) {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
            connector.setProperty("disableUploadTimeout", "false");
            connector.setProperty("connectionUploadTimeout", Long.toString(limits.readTimeout().toMillis()));
        });
    }

    /** Requests Tomcat refuses itself are answered by {@link ProblemErrorReportValve}: problem details on /api. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    FilterRegistrationBean<RequestBodyGuard> requestBodyGuard(HttpLimits limits, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new RequestBodyGuard(limits, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1); // right after the character encoding filter
        return registration;
    }
}
