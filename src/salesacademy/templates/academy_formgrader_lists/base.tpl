{#- nbgrader's formgrader pages (assignments, submissions, students), with the academy's corrections (see salesacademy.formgrader). -#}
{%- extends 'nbgrader/base.tpl' -%}

{%- block script -%}
{{ super() }}
{%- set page = academy_lists() %}
<script type="application/json" id="academy-formgrader">{{ page.data }}</script>
<script type="text/javascript">
{{ page.script }}
</script>
{%- endblock -%}
