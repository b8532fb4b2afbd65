// Lianbao's additions to Cockpit, loaded through config.js (customScripts) before the app starts.
// Read-only users (the supervisors) are not offered what would end in a refusal: suspending,
// cancelling, modifying or migrating instances, retrying jobs, adding, editing or deleting variables.
// The body says whether the user may change process instances; styles/user-styles.css hides the rest.
const angular = window.angular;
const moduleName = ['cam.commons.util', 'camunda.common.services'].find((name) => {
  try {
    angular.module(name);
    return true;
  } catch (error) {
    return false;
  }
});

angular.module(moduleName).run(['$http', 'Uri', '$rootScope', ($http, Uri, $rootScope) => {
  const body = angular.element(document.body);
  const refresh = () => $http.get(Uri.appUri('engine://engine/:engine/authorization/check'), {
    params: { permissionName: 'UPDATE', resourceName: 'process-instance', resourceType: 8 },
  }).then((answer) => body.toggleClass('lianbao-may-change-instances', !!answer.data.authorized),
    () => body.removeClass('lianbao-may-change-instances'));
  $rootScope.$watch('authentication.name', (name) => {
    if (name) refresh();
    else body.removeClass('lianbao-may-change-instances');
  });
}]);

// The variables table writes two words in English into its template ("Actions", the header of
// its edit column, and "Upload"): they go through the translations like the rest of the table.
// (decorated in the module that registers the directive: its config runs once the directive is known)
const widgets = (() => {
  try {
    return angular.module('camunda.common.widgets');
  } catch (error) {
    return null;
  }
})();
widgets?.config(['$provide', ($provide) => {
  $provide.decorator('camWidgetVariablesTableDirective', ['$delegate', ($delegate) => {
    const directive = $delegate[0];
    if (directive && typeof directive.template === 'string') {
      directive.template = directive.template
        .replace(/(<td class="actions"[^>]*>)\s*Actions\s*</, "$1{{ 'BATCHES_PROGRESS_ACTIONS' | translate }}<")
        .replace(/>\s*Upload\s*</, ">{{ 'LIANBAO_VARIABLES_UPLOAD' | translate }}<");
    }
    return $delegate;
  }]);
}]);

export default [];
