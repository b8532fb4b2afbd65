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

export default [];
