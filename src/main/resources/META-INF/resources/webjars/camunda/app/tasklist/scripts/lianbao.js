// Lianbao's additions to Tasklist, loaded through config.js (customScripts) before the app starts.
// Only AngularJS's own extension points: directives, a service decorator, an $http interceptor.
const angular = window.angular;
const app = angular.module('cam.tasklist');

// ---------------------------------------------------------------------------------------------
// 1. File fields. AngularJS does not track <input type="file">, and the forms SDK's type check has
//    no rule for "File": a chosen file left `required` and `camVariableType` invalid for good.
//    The view value of a file field is the chosen file's name (empty when none is chosen).
angular.module('cam.embedded.forms').directive('input', () => ({
  restrict: 'E',
  require: '?ngModel',
  link(scope, element, attrs, model) {
    if (!model || String(attrs.type).toLowerCase() !== 'file') return;
    const sync = () => {
      const file = element[0].files && element[0].files[0];
      model.$setViewValue(file ? file.name : '');
      const limit = Number(attrs.camMaxFilesize) || 0;
      model.$setValidity('camVariableType', true);
      model.$setValidity('lianbaoFileSize', !file || !limit || file.size <= limit);
    };
    // after the forms SDK's own change handler has run (it marks the field invalid)
    element.on('change', () => scope.$evalAsync(sync));
  },
}));

// Downloads in forms: from the variable of the task's process instance (/variable-instance/{id}/data),
// which every agency of the item may read, claimed or not, and always as a download (never a
// page that replaces Tasklist). The forms SDK's own link reads the task's variables, refused
// before the task is claimed.
angular.module('cam.embedded.forms').directive('camFileDownload', ['$http', '$location', 'Uri', 'Notifications',
  ($http, $location, Uri, Notifications) => ({
    restrict: 'A',
    link(scope, element, attrs) {
      const engine = (path) => Uri.appUri(`engine://engine/:engine/${path}`);
      element.on('click', (event) => {
        event.preventDefault();
        const name = attrs.camFileDownload;
        const taskId = $location.search().task;
        $http.get(engine(`task/${encodeURIComponent(taskId)}`))
          .then((task) => $http.get(engine('variable-instance'), {
            params: { processInstanceIdIn: task.data.processInstanceId, variableName: name, deserializeValues: false },
          }))
          .then((variables) => {
            const file = variables.data.find((variable) => variable.type === 'File');
            if (!file) {
              Notifications.addError({ status: '无法下载', message: '这份文件还没有上传。' });
              return;
            }
            const link = document.createElement('a');
            link.href = engine(`variable-instance/${file.id}/data`);
            link.download = (file.valueInfo && file.valueInfo.filename) || '';
            document.body.appendChild(link);
            link.click();
            link.remove();
          }, () => Notifications.addError({ status: '无法下载', message: '没有找到这份文件，或您没有查看它的权限。' }));
      });
    },
  })]);

// ---------------------------------------------------------------------------------------------
// 2. The engine's clock. During a rehearsal the engine runs ahead of the browser; the server tells
//    its time in a header of every answer of the webapps' API (cn.lianbao.web.EngineClockHeader),
//    and relative times ("3 天前") and lateness follow it.
let engineOffset = 0;
const engineNow = () => Date.now() + engineOffset;

app.config(['$httpProvider', ($httpProvider) => {
  $httpProvider.interceptors.push(['$injector', ($injector) => ({
    response(response) {
      const engineTime = Number(response.headers('X-Lianbao-Engine-Time'));
      if (engineTime) engineOffset = engineTime - Date.now();
      // a change the server accepted (a task completed, claimed, a process started…) clears the
      // error messages of earlier attempts: they no longer hold
      if (response.config && response.config.method !== 'GET'
        && /\/(submit-form|complete|claim|unclaim|assignee|delegate|resolve|start)\/?(\?.*)?$/.test(response.config.url)) {
        $injector.get('Notifications').clear({ type: 'danger' });
      }
      return response;
    },
  })]);
}]);

app.run(['moment', (moment) => {
  moment.now = engineNow;
}]);

/** Today in China Standard Time by the engine's clock, as yyyy-MM-dd. */
const engineToday = () => new Date(engineNow() + 8 * 3600 * 1000).toISOString().slice(0, 10);

// <input type="date" lianbao-after-today>: a day that is not after today (by the engine's clock) is
// refused in the form, before the server refuses it (forms/escalation-explain-delay.html).
angular.module('cam.embedded.forms').directive('lianbaoAfterToday', () => ({
  restrict: 'A',
  require: 'ngModel',
  link(scope, element, attrs, model) {
    model.$validators.lianbaoAfterToday = (modelValue, viewValue) => {
      const day = typeof viewValue === 'string' ? viewValue : '';
      return !day || day > engineToday();
    };
    scope.lianbaoToday = engineToday;
  },
}));

// Beside every relative date of the task list, the date itself ("截止 2027年9月30日（10 个月后）"),
// and a date past the engine's now in red.
app.directive('amTimeAgo', ['moment', (moment) => ({
  restrict: 'A',
  link(scope, element, attrs) {
    const holder = element.parent();
    if (!holder.hasClass('due-date') && !holder.hasClass('followup-date')) return;
    const day = angular.element('<span class="lianbao-day"></span>');
    const end = angular.element('<span class="lianbao-day-end"></span>');
    element.before(day);
    element.after(end);
    element.addClass('lianbao-relative');
    scope.$watch(attrs.amTimeAgo, (value) => {
      if (!value) {
        day.text('');
        end.text('');
        holder.removeClass('lianbao-overdue');
        return;
      }
      const date = moment(value);
      day.text(`${date.format('YYYY年M月D日')}（`);
      end.text('）');
      holder.toggleClass('lianbao-overdue', holder.hasClass('due-date') && date.valueOf() < engineNow());
    });
  },
})]);

// ---------------------------------------------------------------------------------------------
// 3. Messages: one Chinese sentence, what was refused and what to do; no ids, no engine codes.
//    A later success clears an earlier error.
const HAN = /[\u4e00-\u9fff]/;
const ENGLISH = /[A-Za-z][a-z']+(?:[ ,:;-]+[A-Za-z][a-z']+){2,}/;
const UUID = /\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*/g;

export function chineseMessage(message) {
  let text = String(message || '').trim();
  if (!text) return text;
  if (/does not have .*permission|not authorized|ENGINE-03110|ENGINE-03029/i.test(text)) {
    return '您没有权限进行这项操作。如确需办理，请联系本单位分管领导或执委会督办人员。';
  }
  // "Cannot submit task form <id>: 字段 …" → "字段 …"
  text = text.replace(/^.*?(?:Cannot [^:]*?|[A-Z]+-\d+)\s*:\s*(?=[^:]*[\u4e00-\u9fff])/, '');
  text = text.replace(/\b[A-Z]+-\d{5}\b\s*/g, '').replace(UUID, ' ').trim();
  // "字段 committedDay（承诺完成时间）应晚于…" → "“承诺完成时间”应晚于…": the label, not the id
  text = text.replace(/字段\s*[A-Za-z_][\w.]*\s*（([^）]+)）\s*/g, '“$1”');
  if (HAN.test(text) && !ENGLISH.test(text)) return text;
  return '操作没有完成：服务器没有接受这次请求。请刷新页面后再试，仍不成功请联系系统管理员。';
}

app.config(['$provide', ($provide) => {
  // Tasklist calls assignNotification exactly when a task form was completed: the earlier
  // refusals of that form no longer hold
  $provide.decorator('assignNotification', ['$delegate', 'Notifications', (assignNotification, notifications) =>
    function clearingErrors(...args) {
      notifications.clear({ type: 'danger' });
      return assignNotification.apply(this, args);
    }]);
  $provide.decorator('Notifications', ['$delegate', (notifications) => {
    const add = notifications.add;
    notifications.add = function addInChinese(notification) {
      if (notification.type === 'danger' || notification.type === 'error') {
        notification.message = chineseMessage(notification.message);
      } else {
        this.clear({ type: 'danger' });
      }
      return add.call(this, notification);
    };
    return notifications;
  }]);
}]);

// ---------------------------------------------------------------------------------------------
// 4. Buttons a user may not use are not shown: 创建任务 and changing due and follow-up dates need
//    rights on tasks that only administrators have. The body says what the user may do.
app.run(['$http', 'Uri', '$rootScope', ($http, Uri, $rootScope) => {
  const body = angular.element(document.body);
  const check = (permissionName, className) => $http.get(Uri.appUri('engine://engine/:engine/authorization/check'), {
    params: { permissionName, resourceName: 'task', resourceType: 7 },
  }).then((answer) => body.toggleClass(className, !!answer.data.authorized), () => body.removeClass(className));
  const refresh = () => {
    check('CREATE', 'lianbao-may-create-task');
    check('UPDATE', 'lianbao-may-update-task');
  };
  $rootScope.$watch('authentication.name', (name) => {
    if (name) refresh();
    else body.removeClass('lianbao-may-create-task lianbao-may-update-task');
  });
}]);

// ---------------------------------------------------------------------------------------------
// 5. The order of the list is the sort control's: our filters carry no order of their own
//    (cn.lianbao.tasklist.TasklistFilters), and the control starts at 截止日期, earliest first.
export const DEFAULT_SORTING = JSON.stringify([{ sortBy: 'dueDate', sortOrder: 'asc' }]);

app.run(['$rootScope', '$location', ($rootScope, $location) => {
  const sortByDueDate = () => {
    if ($location.path() === '/' && !$location.search().sorting) {
      $location.search('sorting', DEFAULT_SORTING).replace();
    }
  };
  $rootScope.$on('$locationChangeSuccess', sortByDueDate);
  sortByDueDate();
}]);

export default [];
