package de.jobcenter.postfach.config.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;

/**
 * The fields of the current form request. The CSRF filter reads the form before the resource method (so the body can
 * no longer be read as an entity); the configuration form's field names depend on the catalogue, so they are taken
 * from the parsed form here rather than declared one by one.
 */
final class FormFields {
    private final Map<String, List<String>> values;

    private FormFields(Map<String, List<String>> values) {
        this.values = values;
    }

    static FormFields current() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        FormData form = request == null ? null : request.getFormData();
        if (form != null) {
            for (String name : form) {
                List<String> list = new ArrayList<>();
                for (FormValue value : form.get(name)) {
                    if (!value.isFileItem()) {
                        list.add(value.getValue());
                    }
                }
                values.put(name, list);
            }
        }
        return new FormFields(values);
    }

    /** The first value of the field, or {@code null}. */
    String first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    boolean isTrue(String name) {
        return "true".equals(first(name));
    }
}
